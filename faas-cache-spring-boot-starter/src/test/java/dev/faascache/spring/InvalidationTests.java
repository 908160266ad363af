/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.List;
import java.util.Random;

import dev.faascache.spring.Invalidation.Operation;
import org.junit.jupiter.api.Test;

import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests that an invalidation is read back as it was written, its key included, and that reading
 * whatever else is published on the channel never throws.
 */
class InvalidationTests {

	@Test
	void parse_messageAsPublished_readsItBack() {
		String message = "1733131234567891" + Invalidation.afterVersion("instance-1", Operation.PUT, "prod ucts::x",
				"#java.lang.Integer:42");
		assertThat(Invalidation.parse(message)).isEqualTo(new Invalidation(1733131234567891L, "instance-1",
				Operation.PUT, "prod ucts::x", "#java.lang.Integer:42"));
		assertThat(Invalidation.parse("7" + Invalidation.afterVersion("i", Operation.CLEAR, "ü€𝄞", "")))
			.isEqualTo(new Invalidation(7, "i", Operation.CLEAR, "ü€𝄞", ""));
		assertThat(Invalidation.parse("7" + Invalidation.afterVersion("i", Operation.EVICT, "c", "key with spaces\n")))
			.extracting(Invalidation::key)
			.isEqualTo("key with spaces\n");
	}

	@Test
	void afterVersion_keyTooLongToBeRead_announcesAClearOfTheCache() {
		String key = "k".repeat(64 * 1024);
		Invalidation invalidation = Invalidation.parse("123456789012345678"
				+ Invalidation.afterVersion("instance-1", Operation.PUT, "products", key));
		assertThat(invalidation).isEqualTo(new Invalidation(123456789012345678L, "instance-1", Operation.CLEAR,
				"products", ""));
		String longest = "k".repeat(64 * 1024 - 18 - Invalidation.afterVersion("instance-1", Operation.PUT,
				"products", "").length());
		assertThat(Invalidation.parse("123456789012345678"
				+ Invalidation.afterVersion("instance-1", Operation.PUT, "products", longest)))
			.extracting(Invalidation::key)
			.isEqualTo(longest);
	}

	@Test
	void parse_keyOfSeveralParameters_readsItBack() {
		SimpleKey key = new SimpleKey("eu \"quoted\"", 42L, List.of("#tag", "\\"), null);
		String message = "9" + Invalidation.afterVersion("i", Operation.EVICT, "products",
				SecondLevelKeys.encode(key));
		Invalidation invalidation = Invalidation.parse(message);
		assertThat(invalidation).isNotNull();
		TrustedClasses jdkOnly = new TrustedClasses(List.of(), getClass().getClassLoader());
		assertThat(SecondLevelKeys.decode(invalidation.key(), jdkOnly)).isEqualTo(key);
	}

	@Test
	void parse_randomText_neverThrows() {
		Random random = new Random(42);
		String alphabet = "0123456789 :EPC#abc\n\u0000\uFFFF";
		for (int i = 0; i < 100_000; i++) {
			StringBuilder text = new StringBuilder();
			for (int length = random.nextInt(40); length > 0; length--) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertThatNoException().as(text.toString()).isThrownBy(() -> Invalidation.parse(text.toString()));
		}
	}

	@Test
	void parse_messageLongerThanAnyKey_isRefused() {
		assertThat(Invalidation.parse("1 i E 1:c" + "k".repeat(64 * 1024))).isNull();
	}

}
