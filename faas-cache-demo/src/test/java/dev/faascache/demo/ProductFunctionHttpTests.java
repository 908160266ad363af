/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function served over HTTP by Spring Cloud Function Web, as the {@code -local} jar runs it,
 * with the actuator showing the caches the starter made.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "demo.catalog.latency=1ms")
class ProductFunctionHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ProductCatalogClient catalog;

	@Test
	void postingSameProductTwiceCallsCatalogOnce() throws IOException, InterruptedException {
		long callsBefore = this.catalog.calls();
		HttpResponse<String> first = post("{\"id\":\"7\"}");
		HttpResponse<String> second = post("{\"id\":\"7\"}");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("\"id\":\"7\"", "\"name\":\"Product 7\"");
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(this.catalog.calls() - callsBefore).isEqualTo(1);
	}

	@Test
	void requestWithBlankIdIsBadRequestSayingWhatIsWrong() throws IOException, InterruptedException {
		long callsBefore = this.catalog.calls();
		HttpResponse<String> response = post("{\"id\":\"\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("The product id must not be blank");
		assertThat(this.catalog.calls()).isEqualTo(callsBefore);
	}

	@Test
	void bodyThatIsNotJsonIsBadRequestSayingSo() throws IOException, InterruptedException {
		long callsBefore = this.catalog.calls();
		HttpResponse<String> response = post("not json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("The request must be a JSON object such as")
			.doesNotContain("\"name\"");
		assertThat(this.catalog.calls()).isEqualTo(callsBefore);
	}

	@Test
	void actuatorListsTheCachesOfTheStarter() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/actuator/caches");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"products\"", "dev.faascache.FaasCache");
	}

	@Test
	void actuatorShowsCacheMetersOfTheStarter() throws IOException, InterruptedException {
		double hitsBefore = meter("cache.gets?tag=name:products&tag=result:hit");
		double missesBefore = meter("cache.gets?tag=name:products&tag=result:miss");
		post("{\"id\":\"8\"}");
		post("{\"id\":\"8\"}");
		assertThat(meter("cache.gets?tag=name:products&tag=result:hit") - hitsBefore).isEqualTo(1);
		assertThat(meter("cache.gets?tag=name:products&tag=result:miss") - missesBefore).isEqualTo(1);
		assertThat(meter("cache.heap.used?tag=name:products")).isPositive();
		assertThat(meter("cache.heap.max?tag=name:products")).isEqualTo(64 * 1024 * 1024);
	}

	private double meter(String nameAndTags) throws IOException, InterruptedException {
		HttpResponse<String> response = get("/actuator/metrics/" + nameAndTags);
		assertThat(response.statusCode()).as("status of %s: %s", nameAndTags, response.body()).isEqualTo(200);
		return json.readTree(response.body()).get("measurements").get(0).get("value").asDouble();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/product"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
