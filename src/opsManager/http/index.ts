// HTTP to Ops Manager: RFC 7616 digest, the undici transport (timeouts, CA, proxy) and network errors.
export { DEFAULT_MAX_BODY_BYTES, DigestHttpClient } from './http';
export type { DigestHttpClientOptions, HttpRequest, HttpResponse, RequestLogEntry } from './http';
export { DEFAULT_TIMEOUT_MS, createDispatcher } from './transport';
export type { TransportOptions } from './transport';
export { toNetworkError, type NetErrorContext } from './netErrors';
export { exchange } from './exchange';
export type { Answer, BodyConsumer, ResponseHeaders } from './exchange';
