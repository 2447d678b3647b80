/** PNG fixtures for tests (the same generator the demo seed signs with). */
export { pngDataUrl, pngOf } from "../src/domain/png";
