/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.faascache.FakeTicker;
import dev.faascache.demo.local.LocalRuntimeApi.InitException;
import dev.faascache.demo.local.LocalRuntimeApi.InvocationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Plays the runtime interface client against {@link LocalRuntimeApi}, with the calls AWS's client
 * makes: poll {@code /next}, then post {@code /response} or {@code /error}, or {@code /init/error}.
 */
class LocalRuntimeApiTests {

	private static final String RUNTIME = "/2018-06-01/runtime/";

	private final FakeTicker ticker = new FakeTicker();

	private final HttpClient client = HttpClient.newHttpClient();

	private final LocalRuntimeApi api;

	LocalRuntimeApiTests() throws IOException {
		this.api = LocalRuntimeApi.start(this.ticker);
	}

	@AfterEach
	void close() {
		this.api.close();
	}

	@Test
	void nextHandsOutQueuedEventWithRequestIdAndResponseCompletesInvocation() throws Exception {
		CompletableFuture<InvocationResult> result = this.api.invoke("{\"id\":\"42\"}");
		HttpResponse<String> next = get(RUNTIME + "invocation/next");
		assertThat(next.statusCode()).isEqualTo(200);
		assertThat(next.body()).isEqualTo("{\"id\":\"42\"}");
		String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
		assertThat(next.headers().firstValue("Lambda-Runtime-Deadline-Ms")).isPresent();
		assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).isPresent();
		this.ticker.advance(Duration.ofMillis(3));
		assertThat(post(RUNTIME + "invocation/" + requestId + "/response", "{\"name\":\"Product 42\"}").statusCode())
			.isEqualTo(202);
		InvocationResult invocation = result.get(10, TimeUnit.SECONDS);
		assertThat(invocation.requestId()).isEqualTo(requestId);
		assertThat(invocation.success()).isTrue();
		assertThat(invocation.body()).isEqualTo("{\"name\":\"Product 42\"}");
		assertThat(invocation.nanos()).isEqualTo(Duration.ofMillis(3).toNanos());
	}

	@Test
	void firstPollMarksEndOfInitialisation() throws Exception {
		long started = this.ticker.read();
		this.ticker.advance(Duration.ofMillis(1500));
		CompletableFuture<HttpResponse<String>> poll = getAsync(RUNTIME + "invocation/next");
		assertThat(this.api.initialised().get(10, TimeUnit.SECONDS) - started).isEqualTo(Duration.ofMillis(1500).toNanos());
		this.api.invoke("{}");
		assertThat(poll.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void errorCompletesInvocationAsFailedWithTheErrorAsPosted() throws Exception {
		CompletableFuture<InvocationResult> result = this.api.invoke("{\"id\":\"\"}");
		String requestId = get(RUNTIME + "invocation/next").headers()
			.firstValue("Lambda-Runtime-Aws-Request-Id")
			.orElseThrow();
		String error = "{\"errorMessage\":\"The product id must not be blank\",\"errorType\":\"InvalidRequestException\"}";
		assertThat(post(RUNTIME + "invocation/" + requestId + "/error", error).statusCode()).isEqualTo(202);
		InvocationResult invocation = result.get(10, TimeUnit.SECONDS);
		assertThat(invocation.success()).isFalse();
		assertThat(invocation.body()).isEqualTo(error);
	}

	@Test
	void eventsAreHandedOutOneAtATimeInOrder() throws Exception {
		this.api.invoke("{\"id\":\"1\"}");
		this.api.invoke("{\"id\":\"2\"}");
		assertThat(get(RUNTIME + "invocation/next").body()).isEqualTo("{\"id\":\"1\"}");
		assertThat(get(RUNTIME + "invocation/next").body()).isEqualTo("{\"id\":\"2\"}");
	}

	@Test
	void initErrorFailsInitialisationWithTheErrorPosted() throws Exception {
		assertThat(post(RUNTIME + "init/error", "{\"errorMessage\":\"No bean named 'product'\"}").statusCode())
			.isEqualTo(202);
		assertThat(this.api.initialised()).isCompletedExceptionally();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> this.api.initialised().join())
			.havingRootCause()
			.isInstanceOf(InitException.class)
			.withMessageContaining("No bean named 'product'");
	}

	@Test
	void responseForUnknownRequestIdIsRefused() throws Exception {
		HttpResponse<String> response = post(RUNTIME + "invocation/no-such-id/response", "{}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("InvalidRequestID");
	}

	@Test
	void addressIsOnTheLoopbackInterface() {
		assertThat(this.api.address()).matches("127\\.0\\.0\\.1:\\d+");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return getAsync(path).get(10, TimeUnit.SECONDS);
	}

	private CompletableFuture<HttpResponse<String>> getAsync(String path) {
		return this.client.sendAsync(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
	}

	private URI uri(String path) {
		return URI.create("http://" + this.api.address() + path);
	}

}
