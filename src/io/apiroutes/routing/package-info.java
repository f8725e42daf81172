/**
 * Routing: a handler's class name to its pattern ({@code RouteNaming}), patterns and their
 * segments, and the route table, built once and frozen ({@code RouteTable}), which finds a
 * request's route and its params. Used by the server, the annotation processor and dev mode.
 * Not exported by the module.
 */
package io.apiroutes.routing;
