// GET /api/todos lists the todos; POST /api/todos {"title": "..."} adds one.
package api.todos;

import io.apiroutes.ApiException;
import io.apiroutes.ApiHandler;
import io.apiroutes.ApiRequest;
import io.apiroutes.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

public final class Index implements ApiHandler {
    record NewTodo(String title) {}

    record Todo(long id, String title, boolean done) {}

    // One instance serves every request of its route, so its state is safe for many threads.
    private final List<Todo> todos = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public void handle(ApiRequest req, ApiResponse res) {
        switch (req.method()) {
            case "GET" -> res.json(todos);
            case "POST" -> {
                NewTodo input = req.body(NewTodo.class);
                if (input.title() == null || input.title().isBlank()) {
                    throw new ApiException(400, "title is required");
                }
                Todo todo = new Todo(ids.incrementAndGet(), input.title(), false);
                todos.add(todo);
                res.status(201).json(todo);
            }
            default -> res.setHeader("Allow", "GET, POST").status(405).json(Map.of("error", "Method Not Allowed"));
        }
    }
}
