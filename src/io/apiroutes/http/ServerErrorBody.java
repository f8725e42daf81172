package io.apiroutes.http;

/**
 * The JSON body of a 500: {@code {"error":"Internal Server Error","id":"..."}}, where the id
 * also stands in the log line that holds the stack trace.
 *
 * @param error always {@code Internal Server Error}
 * @param id the error id
 */
public record ServerErrorBody(String error, String id) {}
