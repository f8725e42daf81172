/**
 * JSON (RFC 8259) for apiroutes, on the JDK alone: {@link io.apiroutes.json.Json} writes values,
 * parses text into a tree of maps, lists, strings, numbers and booleans, and binds such a tree to
 * records; {@link io.apiroutes.json.JsonException} says what went wrong and where.
 *
 * <pre>{@code
 * record Item(String sku, int qty) {}
 *
 * String text = Json.write(new Item("a", 2));   // {"sku":"a","qty":2}
 * Item item = Json.read(text, Item.class);
 * }</pre>
 *
 * <p>Everything that is not public in this package is the engine behind {@code Json}.
 */
package io.apiroutes.json;
