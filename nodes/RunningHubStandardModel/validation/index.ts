export { buildRequestBody, checkEndpoint, coerceValue, modelHasSchema, optionsHint, parseJsonBody, splitList } from './buildRequestBody';
export type { RequestBody } from './buildRequestBody';
export { isParameterError, ParameterError } from './errors';
export { acceptedExtensions, BINARY_PREFIX, checkMediaValue, fieldLabel, findBinaryRefs, isMediaParam, isMultiValue, mediaHint, mediaKind, mediaLimits, parseBinaryRef, replaceBinaryRefs, urlExtension } from './media';
export type { BinaryRef } from './media';
