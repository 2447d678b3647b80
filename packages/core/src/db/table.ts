import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { config } from "../config";

let documentClient: DynamoDBDocumentClient | undefined;

/** One client per process; the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB when local. */
export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({ region: config.region() }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

/** ElectroDB needs the table name per call, so tests can give each file its own table. */
export function tableName(): string {
  return config.tableName();
}
