/** How the portal words a document's status (documents' vocabulary → the client's). */
export const DOCUMENT_STATUS: Record<string, { label: string; tone: string }> = {
  awaiting_signature: { label: "Please sign", tone: "warning" },
  signed: { label: "Signed", tone: "success" },
  expired: { label: "Expired", tone: "" },
  issued: { label: "Issued", tone: "success" },
};
