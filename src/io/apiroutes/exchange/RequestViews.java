package io.apiroutes.exchange;

import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;

/**
 * Makes the request and the response a handler sees, views of one exchange. They are the public
 * API's, whose constructors that package keeps to itself: it hands its factory to the dispatcher
 * it creates, so that no other code can make a view of an exchange.
 */
public interface RequestViews {
    /** The request of an exchange. */
    ApiRequest request(Exchange exchange);

    /** The response of an exchange. */
    ApiResponse response(Exchange exchange);
}
