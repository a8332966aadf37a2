/**
 * Errors shaped like OfficeExtension.Error: a `code` from Excel.ErrorCodes (plus the two payload
 * codes Excel on the web uses), a message, and debugInfo. The adapter turns them into problems.
 */
export type FakeErrorCode =
  | "PropertyNotLoaded"
  | "ApiNotFound"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidSelection"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "AccessDenied"
  | "FormulaLengthExceedsLimit"
  | "NotImplemented"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "UnknownMember";

export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };

  constructor(
    readonly code: FakeErrorCode,
    message: string,
    location?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation: location };
  }
}
