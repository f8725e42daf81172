package io.apiroutes.http;

/**
 * The JSON body of an error response: {@code {"error":"..."}}.
 *
 * @param error what was wrong, for the client
 */
public record ErrorBody(String error) {}
