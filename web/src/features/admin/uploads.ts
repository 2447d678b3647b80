/**
 * Pictures the owner picks in a back-office form, sent on by the site's server: the form
 * posts the file here (multipart, no script needed), the service hands out a presigned PUT
 * with the type and exact size signed in, the bytes go straight to S3, and the service then
 * checks what arrived (size and magic bytes) before it counts. The service decides what is
 * allowed; this only refuses the obvious before asking.
 */
export interface UploadTicket {
  uploadUrl: string;
  headers: Record<string, string>;
}

/** A submitted multipart form: its text fields and the named file (undefined when none was chosen). */
export async function readUploadForm(request: Request, fileField: string): Promise<{ form: Record<string, string>; file?: File }> {
  const data = await request.formData().catch(() => new FormData());
  const form: Record<string, string> = {};
  let file: File | undefined;
  for (const [key, value] of data) {
    if (typeof value === "string") form[key] = value;
    else if (key === fileField && value.size > 0) file = value;
  }
  return { form, file };
}

/** PUTs the file to the presigned URL with exactly the headers it was signed for; true when S3 took it. */
export async function putToStorage(ticket: UploadTicket, file: File): Promise<boolean> {
  const res = await fetch(ticket.uploadUrl, { method: "PUT", headers: ticket.headers, body: new Uint8Array(await file.arrayBuffer()) });
  return res.ok;
}

/** The type the browser reported, as the services name image types (a `.jpeg` is `image/jpeg`). */
export function imageTypeOf(file: File): string {
  return file.type === "image/jpg" || file.type === "image/pjpeg" ? "image/jpeg" : file.type;
}
