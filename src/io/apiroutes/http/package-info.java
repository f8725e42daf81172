/**
 * HTTP syntax and the pieces of a request and answer that both engines share: tokens, header text,
 * media types, percent-decoding, query strings, cookies, the request path, ETags, the JSON error
 * bodies, the lingering close, forwarded headers and allowed {@code Host} values. Pure functions
 * over strings and bytes, tested directly. Not exported by the module.
 */
package io.apiroutes.http;
