/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.faascache.spring.TrustedClasses;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.SerializationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TypedJsonRedisSerializer}.
 */
class TypedJsonRedisSerializerTests {

	private final TypedJsonRedisSerializer serializer = new TypedJsonRedisSerializer(List.of("dev.faascache.spring"),
			getClass().getClassLoader());

	@Test
	void valuesComeBackAsTheirOwnTypes() {
		List<Object> values = List.of(42L, (short) 7, 1.5f, 'x', true, "text", UUID.randomUUID(),
				Instant.parse("2026-12-01T10:15:30Z"), Duration.ofMinutes(5), new ArrayList<>(List.of(new Item("1", 2L))), new Holder(new Item("2", 3L)), Color.RED);
		for (Object value : values) {
			assertThat(this.serializer.deserialize(this.serializer.serialize(value))).as("%s", value.getClass())
				.isEqualTo(value)
				.hasSameClassAs(value);
		}
	}

	@Test
	void immutableJdkCollectionsComeBackEqual() {
		for (Object value : List.of(Map.of("a", 1L), List.of("a", "b"), List.of(new Item("1", 2L)))) {
			assertThat(this.serializer.deserialize(this.serializer.serialize(value))).as("%s", value.getClass())
				.isEqualTo(value);
		}
	}

	@Test
	void writesTheClassBesideTheValue() {
		assertThat(new String(this.serializer.serialize(42L), StandardCharsets.UTF_8)).isEqualTo("[\"java.lang.Long\",42]");
	}

	@Test
	void trustsJdkValuePackagesButNotTheirSubpackages() {
		assertThat(this.serializer.isTrusted("java.util.ArrayList")).isTrue();
		assertThat(this.serializer.isTrusted("java.time.LocalDate")).isTrue();
		assertThat(this.serializer.isTrusted("[Ljava.lang.String;")).isTrue();
		assertThat(this.serializer.isTrusted("[J")).isTrue();
		assertThat(this.serializer.isTrusted("java.util.logging.FileHandler")).isFalse();
		assertThat(this.serializer.isTrusted("javax.management.MBeanServer")).isFalse();
		assertThat(this.serializer.isTrusted("com.sun.rowset.JdbcRowSetImpl")).isFalse();
	}

	@Test
	void trustsGivenPackagesWithTheirSubpackagesOnly() {
		assertThat(this.serializer.isTrusted("dev.faascache.spring.redis.Item")).isTrue();
		assertThat(this.serializer.isTrusted("dev.faascache.springboard.Item")).isFalse();
		assertThat(new TypedJsonRedisSerializer(List.of(TrustedClasses.TRUST_ALL), getClass().getClassLoader())
			.isTrusted("org.example.Anything")).isTrue();
	}

	@Test
	void refusesToReadAnUntrustedClassAtTheTop() {
		byte[] json = "[\"java.util.logging.FileHandler\",{\"pattern\":\"/tmp/x\"}]".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.deserialize(json))
			.withMessageContaining("java.util.logging.FileHandler")
			.withMessageContaining("faas.cache.l2.trusted-packages");
	}

	@Test
	void refusesToReadAnUntrustedClassNestedInATrustedOne() {
		byte[] json = ("[\"dev.faascache.spring.redis.TypedJsonRedisSerializerTests$Holder\","
				+ "{\"content\":{\"@class\":\"java.util.logging.FileHandler\",\"pattern\":\"/tmp/x\"}}]")
			.getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.serializer.deserialize(json))
			.withMessageContaining("java.util.logging.FileHandler");
	}

	@Test
	void ignoresPropertiesAClassNoLongerHas() {
		byte[] json = "[\"dev.faascache.spring.redis.TypedJsonRedisSerializerTests$Item\",{\"id\":\"1\",\"count\":2,\"gone\":true}]"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(this.serializer.deserialize(json)).isEqualTo(new Item("1", 2L));
	}

	@Test
	void failsClearlyOnSomethingElse() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize("{\"id\":1}".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("expected [\"class name\", value]");
		assertThat(this.serializer.deserialize(new byte[0])).isNull();
		assertThat(Optional.ofNullable(this.serializer.deserialize(null))).isEmpty();
	}

	record Item(String id, Long count) {
	}

	/**
	 * Holds a value under a declared type that is not final, so that its class is written.
	 */
	record Holder(Object content) {
	}

	enum Color {

		RED

	}

}
