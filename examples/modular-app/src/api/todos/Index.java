// POST /api/todos {"title": "..."} answers 201 with the todo
package api.todos;

import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import java.util.concurrent.atomic.AtomicLong;

public final class Index implements ApiHandler {
    record NewTodo(String title) {}

    record Todo(long id, String title) {}

    private final AtomicLong ids = new AtomicLong();

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        NewTodo input = req.body(NewTodo.class);
        res.status(201).json(new Todo(ids.incrementAndGet(), input.title()));
    }
}
