/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.faascache.Ticker;

/**
 * Lambda's side of the AWS Lambda Runtime API, served on a loopback port, so that a function's jar
 * can run locally under AWS's own runtime interface client: the client polls
 * {@code /2018-06-01/runtime/invocation/next}, gets the next queued event, and posts what the
 * handler returned to {@code .../invocation/{id}/response} or what it threw to
 * {@code .../invocation/{id}/error}; a function that cannot initialise posts to
 * {@code /2018-06-01/runtime/init/error}.
 * <p>
 * Events are handed out one at a time, in the order they were queued, as Lambda hands them to one
 * execution environment. The time of the first poll tells when the function finished its
 * initialisation, which is what Lambda bills as {@code Init Duration}.
 * <p>
 * <b>Note:</b> only what the runtime interface client calls is served; there is no SnapStart
 * restore, no extensions API and no deadline enforcement.
 */
public final class LocalRuntimeApi implements AutoCloseable {

	private static final String BASE_PATH = "/2018-06-01/runtime/";

	private static final Pattern INVOCATION_PATH = Pattern
		.compile(Pattern.quote(BASE_PATH) + "invocation/([^/]+)/(response|error)");

	private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:faas-cache-demo";

	private static final long DEADLINE_MILLIS = 30_000;

	private final Ticker ticker;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "local-runtime-api");
		thread.setDaemon(true);
		return thread;
	});

	private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();

	private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();

	private final CompletableFuture<Long> initialised = new CompletableFuture<>();

	static {
		// without it, Nagle's algorithm and the client's delayed ACK add 40 ms to every invocation
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private LocalRuntimeApi(Ticker ticker) throws IOException {
		this.ticker = ticker;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext(BASE_PATH, this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Serve the Runtime API on a free loopback port.
	 * @param ticker the time source of the initialisation and invocation times
	 * @return the running server
	 * @throws IOException if no port can be opened
	 */
	public static LocalRuntimeApi start(Ticker ticker) throws IOException {
		return new LocalRuntimeApi(ticker);
	}

	/**
	 * Return where the runtime client finds this server: the value of
	 * {@code AWS_LAMBDA_RUNTIME_API}.
	 * @return host and port, such as {@code 127.0.0.1:41234}
	 */
	public String address() {
		InetSocketAddress address = this.server.getAddress();
		return address.getAddress().getHostAddress() + ":" + address.getPort();
	}

	/**
	 * Return the ticker time at which the runtime first asked for an event, that is, finished
	 * initialising the function; it completes exceptionally with an {@link InitException} if
	 * the runtime reported an initialisation error instead.
	 * @return the time of the first poll, in ticker nanoseconds
	 */
	public CompletableFuture<Long> initialised() {
		return this.initialised;
	}

	/**
	 * Queue an event for the function.
	 * @param event the event, usually JSON
	 * @return the outcome, once the runtime posted the response or the error
	 */
	public CompletableFuture<InvocationResult> invoke(String event) {
		Invocation invocation = new Invocation(UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8));
		this.queued.add(invocation);
		return invocation.result;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (path.equals(BASE_PATH + "invocation/next") && "GET".equals(exchange.getRequestMethod())) {
				next(exchange);
				return;
			}
			if (!"POST".equals(exchange.getRequestMethod())) {
				send(exchange, 405, "{\"errorMessage\":\"method not allowed\"}");
				return;
			}
			byte[] body = read(exchange.getRequestBody());
			long now = this.ticker.read();
			if (path.equals(BASE_PATH + "init/error")) {
				this.initialised.completeExceptionally(new InitException(new String(body, StandardCharsets.UTF_8)));
				send(exchange, 202, "{\"status\":\"OK\"}");
				return;
			}
			Matcher matcher = INVOCATION_PATH.matcher(path);
			Invocation invocation = matcher.matches() ? this.inFlight.remove(matcher.group(1)) : null;
			if (invocation == null) {
				send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
				return;
			}
			invocation.result.complete(new InvocationResult(invocation.id, "response".equals(matcher.group(2)),
					new String(body, StandardCharsets.UTF_8), now - invocation.handedOut));
			send(exchange, 202, "{\"status\":\"OK\"}");
		}
	}

	private void next(HttpExchange exchange) throws IOException {
		this.initialised.complete(this.ticker.read());
		Invocation invocation;
		try {
			invocation = this.queued.take();
		}
		catch (InterruptedException ex) {
			// closing: the runtime's poll goes unanswered, as when Lambda shuts an environment down
			Thread.currentThread().interrupt();
			return;
		}
		this.inFlight.put(invocation.id, invocation);
		exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.id);
		exchange.getResponseHeaders()
			.add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + DEADLINE_MILLIS));
		exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
		exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-" + invocation.id.replace("-", ""));
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		invocation.handedOut = this.ticker.read();
		exchange.sendResponseHeaders(200, invocation.event.length);
		exchange.getResponseBody().write(invocation.event);
	}

	private static byte[] read(InputStream body) throws IOException {
		try (body) {
			return body.readAllBytes();
		}
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static final class Invocation {

		private final String id;

		private final byte[] event;

		private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();

		private volatile long handedOut;

		private Invocation(String id, byte[] event) {
			this.id = id;
			this.event = event;
		}

	}

	/**
	 * What the runtime posted for one invocation.
	 *
	 * @param requestId the request id the event was handed out with
	 * @param success whether the handler returned ({@code /response}) rather than threw
	 * ({@code /error})
	 * @param body the response, or the error as Lambda reports it: a JSON object with
	 * {@code errorMessage} and {@code errorType}
	 * @param nanos time from handing the event out to receiving the outcome
	 */
	public record InvocationResult(String requestId, boolean success, String body, long nanos) {
	}

	/**
	 * The function could not initialise: the runtime posted to {@code /init/error}.
	 */
	public static final class InitException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InitException(String error) {
			super("The function failed to initialise: " + error);
		}

	}

}
