/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.faascache.FaasCache;
import dev.faascache.spring.FaasCacheRestoreHandler;
import dev.faascache.spring.RestorePolicy;
import dev.faascache.spring.TwoLevelFaasSpringCache;
import dev.faascache.spring.redis.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cache.CacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drives the demo through the handler named in {@code template.yaml}, as the Lambda runtime does:
 * one {@link ProductHandler} per container, started once, then invocations with a JSON event in
 * an input stream and a {@link TestLambdaContext}; with the {@code redis} profile, against a real
 * Redis server that containers share.
 */
class ProductFunctionLambdaTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final List<DemoRun> runs = new ArrayList<>();

	private DemoRun run;

	private ProductHandler invoker;

	@AfterEach
	void stopContainers() {
		this.runs.forEach(DemoRun::close);
		redis.start();
	}

	@Test
	void warmInvocationWithSameProductIsAnsweredByCacheWithoutCallingCatalog() throws IOException {
		startContainer(Map.of());
		Product first = invoke("42");
		Product second = invoke("42");
		assertThat(first).isEqualTo(new Product("42", "Product 42", new BigDecimal("16.62")));
		assertThat(second).isEqualTo(first);
		assertThat(this.run.catalog().calls()).isEqualTo(1);
		assertThat(this.run.productsCache().stats().hitCount()).isEqualTo(1);
		assertThat(this.run.productsCache().stats().missCount()).isEqualTo(1);
	}

	@Test
	void differentProductsAreFetchedOnceEach() throws IOException {
		startContainer(Map.of());
		for (String id : new String[] { "1", "2", "1", "2", "1" }) {
			assertThat(invoke(id).id()).isEqualTo(id);
		}
		assertThat(this.run.catalog().calls()).isEqualTo(2);
		assertThat(this.run.productsCache()).containsOnlyKeys("1", "2");
	}

	@Test
	void requestWithBlankIdFailsWithMessageSayingWhatIsWrongAndCallsNoCatalog() {
		startContainer(Map.of());
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> handle(this.invoker, "{\"id\":\"\"}"))
			.withMessage("The product id must not be blank, such as {\"id\": \"42\"}, but was ''");
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> handle(this.invoker, "{}"))
			.withMessage("The request must name a product, such as {\"id\": \"42\"}, but has no id");
		assertThat(this.run.catalog().calls()).isZero();
		assertThat(this.run.productsCache()).isEmpty();
	}

	@Test
	void eventThatIsNotJsonFailsWithMessageSayingSo() {
		startContainer(Map.of());
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> handle(this.invoker, "not json"))
			.withMessage("The request must be a JSON object such as {\"id\": \"42\"}, but was not JSON: 'not json'");
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> handle(this.invoker, "\"42\""))
			.withMessage("The request must be a JSON object such as {\"id\": \"42\"}, but was '\"42\"'");
		assertThat(this.run.catalog().calls()).isZero();
	}

	@Test
	void invocationAfterTimeToLiveReloadsProductFromCatalog() throws IOException {
		startContainer(Map.of());
		Duration ttl = this.run.productsCache().getDefaultTtl();
		invoke("42");
		this.run.ticker().advance(ttl.minusNanos(1));
		invoke("42");
		assertThat(this.run.catalog().calls()).as("calls just before the time to live runs out").isEqualTo(1);
		this.run.ticker().advance(Duration.ofNanos(1));
		assertThat(invoke("42").id()).isEqualTo("42");
		assertThat(this.run.catalog().calls()).as("calls once the time to live has run out").isEqualTo(2);
		assertThat(this.run.productsCache().stats().expirationCount()).isEqualTo(1);
	}

	@Test
	void byteBudgetSetThroughEnvironmentBoundsBytesHeld() throws IOException {
		startContainer(Map.of("FAAS_CACHE_MAX_SIZE", "8K"));
		FaasCache<Object, Object> cache = this.run.productsCache();
		for (int id = 1; id <= 50; id++) {
			assertThat(invoke(String.valueOf(id)).id()).isEqualTo(String.valueOf(id));
			assertThat(cache.getByteSize()).isLessThanOrEqualTo(8192);
		}
		assertThat(cache.getMaxSize()).hasValueSatisfying((size) -> assertThat(size.toBytes()).isEqualTo(8192));
		assertThat(cache.stats().sizeEvictionCount()).isPositive();
		assertThat(cache).containsKey("50");
	}

	@Test
	void productsPrimedDuringInitialisationAreHitsFromTheFirstInvocation() throws IOException {
		startContainer(Map.of("DEMO_WARM_UP_PRODUCT_IDS", "1,2"));
		assertThat(this.run.catalog().calls()).as("calls made while the container initialised").isEqualTo(2);
		assertThat(this.run.productsCache()).containsOnlyKeys("1", "2");
		assertThat(invoke("1").id()).isEqualTo("1");
		assertThat(invoke("2").id()).isEqualTo("2");
		assertThat(this.run.catalog().calls()).isEqualTo(2);
		assertThat(this.run.productsCache().stats().hitCount()).isEqualTo(2);
	}

	@Test
	void productThatCannotBePrimedIsSkippedAndTheFunctionStarts() throws IOException {
		startContainer(Map.of("DEMO_WARM_UP_PRODUCT_IDS", "1, ,2"));
		assertThat(this.run.productsCache()).containsOnlyKeys("1", "2");
		assertThat(invoke("3").id()).isEqualTo("3");
	}

	@Test
	void snapshotRestoreIsHandledWithTheConfiguredPolicy() {
		startContainer(Map.of("faas.cache.on-restore", "clear"));
		FaasCacheRestoreHandler handler = this.run.context().getBean(FaasCacheRestoreHandler.class);
		assertThat(handler.getPolicy()).isEqualTo(RestorePolicy.CLEAR);
	}

	@Test
	void defaultProfileOpensNoRedisConnection() {
		startContainer(Map.of());
		assertThat(this.run.context().getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		assertThat(this.run.context().getBean(CacheManager.class).getCache(ProductCatalogClient.CACHE))
			.isNotInstanceOf(TwoLevelFaasSpringCache.class);
	}

	@Test
	void redisProfileSharesProductsBetweenContainers() throws IOException {
		startContainer(Map.of("REDIS_PORT", redis.port()), "redis");
		DemoRun first = this.run;
		ProductHandler firstInvoker = this.invoker;
		startContainer(Map.of("REDIS_PORT", redis.port()), "redis");
		assertThat(invoke(firstInvoker, "42").id()).isEqualTo("42");
		assertThat(redis.command("EXISTS", "faas-cache-demo:products::42")).isEqualTo(1L);
		assertThat(invoke("42")).isEqualTo(new Product("42", "Product 42", new BigDecimal("16.62")));
		assertThat(first.catalog().calls()).as("catalog calls of the first container").isEqualTo(1);
		assertThat(this.run.catalog().calls()).as("catalog calls of the second container").isZero();
		assertThat(this.run.productsCache()).as("heap of the second container").containsKey("42");
	}

	@Test
	void redisProfileAnswersFromTheCatalogWhileRedisIsDown() throws IOException {
		startContainer(Map.of("REDIS_PORT", redis.port()), "redis");
		redis.stop();
		assertThat(invoke("7").id()).isEqualTo("7");
		assertThat(invoke("7").id()).isEqualTo("7");
		assertThat(this.run.catalog().calls()).isEqualTo(1);
	}

	private void startContainer(Map<String, Object> properties, String... profiles) {
		Map<String, Object> testProperties = new HashMap<>(properties);
		testProperties.put("demo.catalog.latency", "2ms");
		this.run = new DemoRun(testProperties, profiles);
		this.runs.add(this.run);
		this.invoker = this.run.startHandler();
	}

	private Product invoke(String id) throws IOException {
		return invoke(this.invoker, id);
	}

	private static Product invoke(ProductHandler invoker, String id) throws IOException {
		return json.readValue(handle(invoker, "{\"id\":\"" + id + "\"}"), Product.class);
	}

	private static byte[] handle(ProductHandler invoker, String event) throws IOException {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output,
				new TestLambdaContext());
		return output.toByteArray();
	}

}
