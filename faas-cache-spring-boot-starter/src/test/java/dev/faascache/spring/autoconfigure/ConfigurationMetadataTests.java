/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the configuration metadata generated from {@link FaasCacheProperties} lists every
 * property with a description and its default, and that {@code README.md} and
 * {@code docs/spring-boot.md} show the same table.
 */
class ConfigurationMetadataTests {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String TABLE_START = "<!-- properties:start -->\n";

	private static final String TABLE_END = "<!-- properties:end -->";

	@Test
	void metadataListsEveryPropertyWithDescription() throws IOException {
		List<Map<String, Object>> properties = readProperties();
		assertThat(properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrder("faas.cache.max-size", "faas.cache.max-items", "faas.cache.default-ttl",
					"faas.cache.cache-names", "faas.cache.dynamic", "faas.cache.allow-null-values",
					"faas.cache.caches", "faas.cache.total-max-size", "faas.cache.on-restore", "faas.cache.l2.enabled",
					"faas.cache.l2.ttl", "faas.cache.l2.timeout", "faas.cache.l2.connect-timeout",
					"faas.cache.l2.key-prefix", "faas.cache.l2.serialization", "faas.cache.l2.trusted-packages",
					"faas.cache.l2.log-interval", "faas.cache.l2.circuit-breaker.failure-threshold",
					"faas.cache.l2.circuit-breaker.open-duration", "faas.cache.l2.coherence.enabled",
					"faas.cache.l2.coherence.max-silence");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description")).isNotBlank());
	}

	@Test
	void metadataGivesDefaultsOfManagerSettings() throws IOException {
		assertThat(readProperties()).filteredOn((property) -> property.get("type").equals("java.lang.Boolean"))
			.extracting((property) -> property.get("name") + "=" + property.get("defaultValue"))
			.containsExactlyInAnyOrder("faas.cache.dynamic=true", "faas.cache.allow-null-values=true",
					"faas.cache.l2.enabled=false", "faas.cache.l2.coherence.enabled=true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "README.md", "docs/spring-boot.md" })
	void documentationTableMatchesMetadata(String file) throws IOException {
		Path documentationFile = Path.of("..").resolve(file);
		String documentation = Files.readString(documentationFile);
		int start = documentation.indexOf(TABLE_START);
		int end = documentation.indexOf(TABLE_END);
		assertThat(start).as("%s in %s", TABLE_START.strip(), file).isNotNegative();
		assertThat(end).as("%s in %s", TABLE_END, file).isGreaterThan(start);
		String expected = table(readProperties());
		assertThat(documentation.substring(start + TABLE_START.length(), end))
			.as("properties table in %s; replace it with:%n%s", file, expected)
			.isEqualTo(expected);
	}

	private static String table(List<Map<String, Object>> properties) {
		StringBuilder table = new StringBuilder("| Property | Default | Description |\n| --- | --- | --- |\n");
		for (Map<String, Object> property : properties) {
			Object defaultValue = property.get("defaultValue");
			table.append("| `")
				.append(property.get("name"))
				.append("` | ")
				.append((defaultValue != null) ? "`" + defaultValue + "`" : "")
				.append(" | ")
				.append(property.get("description"))
				.append(" |\n");
		}
		return table.toString();
	}

	private static List<Map<String, Object>> readProperties() throws IOException {
		try (InputStream metadata = ConfigurationMetadataTests.class.getClassLoader().getResourceAsStream(METADATA)) {
			assertThat(metadata).as(METADATA).isNotNull();
			List<Map<String, Object>> properties = new ArrayList<>(JsonPath.parse(metadata).read("$.properties"));
			properties.sort(Comparator.comparing((property) -> (String) property.get("name")));
			return properties;
		}
	}

}
