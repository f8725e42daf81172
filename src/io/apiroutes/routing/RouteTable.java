package io.apiroutes.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The route table: a tree of segments, built once and never changed, so lookups need no lock.
 * A lookup walks the tree from the left, trying static, then dynamic, then catch-all, then
 * optional catch-all children, backing up when a branch fails, as Next.js orders its routes.
 * Each node is visited at most once per lookup.
 */
public final class RouteTable {
    private final Node root;
    private final List<Route> routes;

    private RouteTable(Node root, List<Route> routes) {
        this.root = root;
        this.routes = routes;
    }

    /** The routes, in lookup precedence order. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * Finds the route for the decoded segments below {@code /api}.
     *
     * @return the match, or null when no route matches
     */
    public RouteMatch match(String[] segments) {
        Captures captures = new Captures();
        Route route = find(root, segments, 0, captures);
        return route == null ? null : new RouteMatch(route, captures.toMap());
    }

    private static Route find(Node node, String[] segments, int index, Captures captures) {
        if (index == segments.length) {
            if (node.route != null) {
                return node.route;
            }
            if (node.optionalCatchAll != null) {
                return node.optionalCatchAll;
            }
            return null;
        }
        Node child = node.statics.get(segments[index]);
        if (child != null) {
            Route found = find(child, segments, index + 1, captures);
            if (found != null) {
                return found;
            }
        }
        if (node.dynamic != null) {
            int mark = captures.size();
            captures.add(node.dynamicName, List.of(segments[index]));
            Route found = find(node.dynamic, segments, index + 1, captures);
            if (found != null) {
                return found;
            }
            captures.truncate(mark);
        }
        Route rest = node.catchAll != null ? node.catchAll : node.optionalCatchAll;
        if (rest != null) {
            captures.add(rest.pattern().segments().get(rest.pattern().segments().size() - 1).text(),
                    List.of(Arrays.copyOfRange(segments, index, segments.length)));
            return rest;
        }
        return null;
    }

    /** A small stack of captured params; the map is made only for the match that wins. */
    private static final class Captures {
        private String[] names;
        private List<?>[] values;
        private int size;

        int size() {
            return size;
        }

        void add(String name, List<String> value) {
            if (names == null) {
                names = new String[4];
                values = new List<?>[4];
            } else if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
        }

        void truncate(int mark) {
            size = mark;
        }

        @SuppressWarnings("unchecked") // values holds only List<String>, as add() takes
        Map<String, List<String>> toMap() {
            if (size == 0) {
                return Map.of();
            }
            if (size == 1) {
                return Map.of(names[0], (List<String>) values[0]);
            }
            Map<String, List<String>> map = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                map.put(names[i], (List<String>) values[i]);
            }
            return Collections.unmodifiableMap(map);
        }
    }

    /** A frozen node of the tree. */
    private static final class Node {
        final Map<String, Node> statics;
        final Node dynamic;
        final String dynamicName;
        final Route route;
        final Route catchAll;
        final Route optionalCatchAll;

        Node(NodeBuilder b) {
            Map<String, Node> frozen = new HashMap<>();
            for (Map.Entry<String, NodeBuilder> child : b.statics.entrySet()) {
                frozen.put(child.getKey(), new Node(child.getValue()));
            }
            this.statics = Map.copyOf(frozen);
            this.dynamic = b.dynamic == null ? null : new Node(b.dynamic);
            this.dynamicName = b.dynamicName;
            this.route = b.route;
            this.catchAll = b.catchAll;
            this.optionalCatchAll = b.optionalCatchAll;
        }
    }

    /** A node while the table is being built. */
    private static final class NodeBuilder {
        final Map<String, NodeBuilder> statics = new LinkedHashMap<>();
        NodeBuilder dynamic;
        String dynamicName;
        Route dynamicOwner;
        Route route;
        Route catchAll;
        Route optionalCatchAll;
    }

    /** Collects routes, rejecting conflicts as they come, then freezes them into a table. */
    public static final class Builder {
        private final NodeBuilder root = new NodeBuilder();
        private final List<Route> routes = new ArrayList<>();

        /**
         * Adds a route.
         *
         * @throws IllegalArgumentException naming both handlers when the route conflicts with one
         *     already added
         */
        public Builder add(Route route) {
            NodeBuilder node = root;
            for (RouteSegment segment : route.pattern().segments()) {
                // if, not switch: javac compiles a switch on an enum into a class file of its own
                RouteSegment.Kind kind = segment.kind();
                if (kind == RouteSegment.Kind.STATIC) {
                    NodeBuilder next = node.statics.get(segment.text());
                    if (next == null) {
                        next = new NodeBuilder();
                        node.statics.put(segment.text(), next);
                    }
                    node = next;
                } else if (kind == RouteSegment.Kind.DYNAMIC) {
                    if (node.dynamic == null) {
                        node.dynamic = new NodeBuilder();
                        node.dynamicName = segment.text();
                        node.dynamicOwner = route;
                    } else if (!node.dynamicName.equals(segment.text())) {
                        throw conflict(route, node.dynamicOwner, "different param names for the same dynamic segment ('"
                                + node.dynamicName + "' and '" + segment.text() + "')");
                    }
                    node = node.dynamic;
                } else if (kind == RouteSegment.Kind.CATCH_ALL) {
                    requireFree(route, node.catchAll, "two handlers for one route");
                    requireFree(route, node.optionalCatchAll, "a catch-all and an optional catch-all at the same place");
                    node.catchAll = route;
                    routes.add(route);
                    return this;
                } else {
                    requireFree(route, node.optionalCatchAll, "two handlers for one route");
                    requireFree(route, node.catchAll, "a catch-all and an optional catch-all at the same place");
                    requireFree(route, node.route, "an optional catch-all also matches its parent's path");
                    node.optionalCatchAll = route;
                    routes.add(route);
                    return this;
                }
            }
            requireFree(route, node.route, "two handlers for one route");
            requireFree(route, node.optionalCatchAll, "an optional catch-all also matches its parent's path");
            node.route = route;
            routes.add(route);
            return this;
        }

        private static void requireFree(Route route, Route existing, String why) {
            if (existing != null) {
                throw conflict(route, existing, why);
            }
        }

        private static IllegalArgumentException conflict(Route route, Route existing, String why) {
            return new IllegalArgumentException("route conflict: " + existing.pattern() + " (" + existing.handlerName()
                    + ") and " + route.pattern() + " (" + route.handlerName() + "): " + why);
        }

        public RouteTable build() {
            // Sorted by inserting, not by sort(comparator): the route table is built at start-up, where
            // each lambda's class is spun the first time (a few ms).
            List<Route> ordered = new ArrayList<>(routes.size());
            for (Route route : routes) { // its place found by halving, so thousands of routes stay quick
                int low = 0;
                int high = ordered.size();
                while (low < high) {
                    int middle = (low + high) >>> 1;
                    if (comparePrecedence(ordered.get(middle), route) <= 0) {
                        low = middle + 1;
                    } else {
                        high = middle;
                    }
                }
                ordered.add(low, route);
            }
            return new RouteTable(new Node(root), List.copyOf(ordered));
        }

        /** Segment by segment from the left: static before dynamic before catch-alls; then by text. */
        private static int comparePrecedence(Route a, Route b) {
            List<RouteSegment> x = a.pattern().segments();
            List<RouteSegment> y = b.pattern().segments();
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int byKind = x.get(i).kind().compareTo(y.get(i).kind());
                if (byKind != 0) {
                    return byKind;
                }
                int byText = x.get(i).text().compareTo(y.get(i).text());
                if (byText != 0) {
                    return byText;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
    }
}
