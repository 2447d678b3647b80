import { createLambdaHandler } from "@mas/core/http/lambda";
import { app } from "./app";
import { consume } from "./events";

export const handler = createLambdaHandler(app, consume);
