/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.faascache.Ticker;
import dev.faascache.demo.local.FunctionSettings;
import dev.faascache.demo.local.LocalLambda;
import dev.faascache.demo.local.LocalRuntimeApi;
import dev.faascache.demo.local.LocalRuntimeApi.InvocationResult;
import dev.faascache.spring.redis.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Lambda jar as Lambda's Java runtime runs it: in a child JVM with Lambda's settings,
 * started by AWS's runtime interface client, which polls a {@link LocalRuntimeApi} for events.
 * The jar has no web server, so this also proves the handler needs none.
 */
class LambdaRuntimeIT {

	private static final Duration INIT_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Pattern OUTCOME = Pattern.compile("Product \\S+ (answered by the cache|fetched from the catalog)$");

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final Path jar = Path.of(System.getProperty("demo.aws-jar"));

	private final Path redisJar = Path.of(System.getProperty("demo.aws-redis-jar"));

	@Test
	void runtimeClientInvokesTheHandlerWhichAnswersFromTheCacheAndRefusesBadRequestsClearly() throws IOException {
		FunctionSettings settings = new FunctionSettings(this.jar, this.jar.resolveSibling("lambda-runtime"), 512,
				Map.of("LOGGING_LEVEL_DEV_FAASCACHE_DEMO", "debug"), Map.of("demo.catalog.latency", "1ms"));
		Ticker ticker = Ticker.systemTicker();
		try (LocalRuntimeApi runtimeApi = LocalRuntimeApi.start(ticker);
				LocalLambda function = LocalLambda.start(settings, runtimeApi, ticker)) {
			assertThat(function.awaitInitialised(runtimeApi, INIT_TIMEOUT)).isPositive();

			InvocationResult first = function.invoke(runtimeApi, "{\"id\":\"42\"}", TIMEOUT);
			InvocationResult second = function.invoke(runtimeApi, "{\"id\":\"42\"}", TIMEOUT);
			assertThat(first.success()).as(first.body()).isTrue();
			assertThat(json.readTree(first.body()))
				.isEqualTo(json.readTree("{\"id\":\"42\",\"name\":\"Product 42\",\"price\":16.62}"));
			assertThat(second.body()).isEqualTo(first.body());
			assertThat(function.awaitLine(OUTCOME, 1, TIMEOUT)).endsWith("Product 42 fetched from the catalog");
			assertThat(function.awaitLine(OUTCOME, 2, TIMEOUT)).endsWith("Product 42 answered by the cache");

			assertError(function.invoke(runtimeApi, "{\"id\":\"\"}", TIMEOUT),
					"The product id must not be blank, such as {\"id\": \"42\"}, but was ''");
			assertError(function.invoke(runtimeApi, "not json", TIMEOUT),
					"The request must be a JSON object such as {\"id\": \"42\"}, but was not JSON: 'not json'");

			InvocationResult afterErrors = function.invoke(runtimeApi, "{\"id\":\"7\"}", TIMEOUT);
			assertThat(afterErrors.success()).as("invocation after the errors: %s", afterErrors.body()).isTrue();

			List<String> output = function.shutdown(TIMEOUT);
			assertThat(String.join("\n", output)).as("the function's output")
				.containsPattern("(?m)^products\\s+2\\s+.* / 64M\\s+1\\s+2\\s+33\\.3%$")
				.doesNotContain("Netty started", "Tomcat started");
		}
	}

	@Test
	void redisJarRunsTheRedisProfileAndSharesProductsThroughRedis() {
		FunctionSettings settings = new FunctionSettings(this.redisJar, this.redisJar.resolveSibling("lambda-runtime"),
				512, Map.of("SPRING_PROFILES_ACTIVE", "redis", "REDIS_PORT", String.valueOf(redis.port())),
				Map.of("demo.catalog.latency", "1ms"));
		Ticker ticker = Ticker.systemTicker();
		try (LocalRuntimeApi runtimeApi = LocalRuntimeApi.start(ticker);
				LocalLambda function = LocalLambda.start(settings, runtimeApi, ticker)) {
			function.awaitInitialised(runtimeApi, INIT_TIMEOUT);
			InvocationResult result = function.invoke(runtimeApi, "{\"id\":\"42\"}", TIMEOUT);
			assertThat(result.success()).as(result.body()).isTrue();
			assertThat(redis.command("EXISTS", "faas-cache-demo:products::42")).isEqualTo(1L);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void simulateRunsTheJarThroughTheRuntimeClientWithTheStarterThenWithSpringsSimpleCacheThenPairedColdStarts()
			throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path log = Files.createTempFile("simulate", ".log");
		Process process = new ProcessBuilder(java.toString(), "-jar", this.jar.toString(), "--simulate=4",
				"--starts=2", "--demo.catalog.latency=1ms")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		process.getOutputStream().close();
		// to a file, so that a run that hangs fails the test at the deadline instead of blocking a read
		boolean ended = process.waitFor(6, TimeUnit.MINUTES);
		if (!ended) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		Files.delete(log);
		assertThat(ended).as("process ended; output:%n%s", output).isTrue();
		assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
		assertThat(output).containsPattern("(?m)^faas-cache starter: init [\\d,]+ ms$")
			.containsPattern("(?m)^\\s+1\\s+1\\s+MISS\\s+[\\d,.]+ ms$")
			.containsPattern("(?m)^\\s+4\\s+1\\s+HIT\\s+[\\d,.]+ ms$")
			.containsPattern("(?m)^products\\s+3\\s+.* / 64M\\s+1\\s+3\\s+25\\.0%$")
			.contains("4 invocations: 1 answered by the cache, 3 called the product catalog")
			.containsPattern("(?m)^faas-cache starter\\s+[\\d,]+ ms\\s+1\\s+.*\\s+3\\s+.*$")
			.containsPattern("(?m)^spring\\.cache\\.type=simple\\s+[\\d,]+ ms\\s+1\\s+.*\\s+3\\s+.*$")
			.containsPattern("(?m)^2 cold starts of each, in pairs, each pair in a random order \\(seed -?\\d+\\)$")
			.containsPattern("(?m)^faas-cache starter\\s+[\\d,]+ ms$")
			.containsPattern("(?m)^spring\\.cache\\.type=simple\\s+[\\d,]+ ms$")
			.containsPattern("(?m)^the starter's share of init, median of the 2 paired differences: [+-][\\d,.]+ ms, "
					+ "with 50% confidence between [+-][\\d,.]+ and [+-][\\d,.]+ ms$");
	}

	private static void assertError(InvocationResult result, String message) {
		assertThat(result.success()).as("invocation failed: %s", result.body()).isFalse();
		JsonNode error = json.readTree(result.body());
		assertThat(error.get("errorType").asString()).isEqualTo(InvalidRequestException.class.getName());
		assertThat(error.get("errorMessage").asString()).isEqualTo(message);
	}

}
