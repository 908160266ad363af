/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that the text of a key in Redis, as an invalidation from another instance carries it, is
 * read back as the same key when it is a plain value, and never as another one.
 */
class SecondLevelKeysTests {

	@Test
	void decode_plainValues_giveTheKeyBack() {
		List<Object> keys = List.of("42", "#tag", "", 42, 42L, (short) 42, (byte) 42, 'x', true, 1.5f, 2.5d,
				new BigInteger("123456789012345678901234567890"), new BigDecimal("16.60"),
				UUID.fromString("3f2c6a43-1f0e-4b59-9c51-0a4f7f1e2d3c"), LocalDate.of(2026, 12, 1),
				Instant.parse("2026-12-02T08:00:00Z"), Duration.ofMinutes(5));
		for (Object key : keys) {
			assertThat(SecondLevelKeys.decode(SecondLevelKeys.encode(key))).as("%s", key).isEqualTo(key);
		}
	}

	@Test
	void decode_keysThatAreNotReadBack_areNotDecoded() {
		for (Object key : List.of(new Sku("eu", 42), Thread.State.NEW, new SimpleKey("a", 1), List.of("a", "b"))) {
			assertThat(SecondLevelKeys.decode(SecondLevelKeys.encode(key))).as("%s", key)
				.isSameAs(SecondLevelKeys.NOT_DECODED);
		}
	}

	@Test
	void decode_textNoKeyHas_isRefused() {
		for (String text : List.of("#", "#java.lang.Integer", "#:42", "#java.lang.Integer:042", "#java.lang.Integer:x",
				"#java.lang.Boolean:yes", "#java.lang.Character:ab", "#java.math.BigDecimal:1e400000000000",
				"#java.util.UUID:1-1-1-1-1", "#java.time.LocalDate:2026-13-01")) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> SecondLevelKeys.decode(text));
		}
	}

	record Sku(String region, long number) {
	}

}
