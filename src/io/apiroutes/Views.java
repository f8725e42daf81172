package io.apiroutes;

import io.apiroutes.exchange.Exchange;
import io.apiroutes.exchange.RequestViews;

/** The views of an exchange that handlers see, made with this package's constructors. */
enum Views implements RequestViews {
    INSTANCE;

    @Override
    public ApiRequest request(Exchange exchange) {
        return new ApiRequest(exchange);
    }

    @Override
    public ApiResponse response(Exchange exchange) {
        return new ApiResponse(exchange);
    }
}
