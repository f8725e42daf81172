package io.apiroutes.routing;

import java.util.List;
import java.util.Map;

/**
 * The route a request path resolved to, and the params it captured.
 *
 * @param route the matched route
 * @param params route params by name: one value for {@code [id]}, the segments for a catch-all
 */
public record RouteMatch(Route route, Map<String, List<String>> params) {}
