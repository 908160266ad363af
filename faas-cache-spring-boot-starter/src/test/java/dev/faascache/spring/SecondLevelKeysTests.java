/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests that the text of a key in Redis, as an invalidation from another instance carries it, is
 * read back as the same key, never as another one, and loads no class that is not trusted.
 */
class SecondLevelKeysTests {

	private final RecordingClassLoader classLoader = new RecordingClassLoader(getClass().getClassLoader());

	private final TrustedClasses trusted = new TrustedClasses(List.of("dev.faascache.spring"), this.classLoader);

	private final TrustedClasses untrusted = new TrustedClasses(List.of("com.example"), this.classLoader);

	@Test
	void decode_plainValues_giveTheKeyBack() {
		List<Object> keys = List.of("42", "#tag", "", 42, 42L, (short) 42, (byte) 42, 'x', true, 1.5f, 2.5d,
				new BigInteger("123456789012345678901234567890"), new BigDecimal("16.60"),
				UUID.fromString("3f2c6a43-1f0e-4b59-9c51-0a4f7f1e2d3c"), LocalDate.of(2026, 12, 1),
				Instant.parse("2026-12-02T08:00:00Z"), Duration.ofMinutes(5));
		assertRoundTrip(keys, this.untrusted);
	}

	@Test
	void decode_simpleKeysAndLists_giveTheKeyBack() {
		List<Object> keys = List.of(new SimpleKey("a", 1), SimpleKey.EMPTY, new SimpleKey("#x", null, 2L),
				new SimpleKey("quote \" and backslash \\", List.of("[\"]", "\\\\")), List.of(), List.of("a", "b"),
				new ArrayList<>(List.of(1, 2)), Arrays.asList("a", null), List.of(new SimpleKey(List.of(List.of(7)))));
		assertRoundTrip(keys, this.untrusted);
		assertThat(this.classLoader.requested).isEmpty();
	}

	@Test
	void decode_listOfAnyClass_equalsTheListsOfItsElements() {
		List<String> heapKey = new LinkedList<>(List.of("a", "b"));
		assertThat(SecondLevelKeys.encode(heapKey)).isEqualTo(SecondLevelKeys.encode(List.of("a", "b")))
			.isEqualTo("#java.util.List:[\"a\",\"b\"]");
		assertThat(SecondLevelKeys.decode(SecondLevelKeys.encode(heapKey), this.untrusted)).isEqualTo(heapKey)
			.isEqualTo(new ArrayList<>(heapKey));
	}

	@Test
	void decode_enumsAndRecordsOfTrustedClasses_giveTheKeyBack() {
		List<Object> keys = List.of(Color.RED, Color.GREEN, DayOfWeek.MONDAY, new Sku("eu", 42),
				new Sku("\"#\\", Long.MIN_VALUE), new Order(new Sku("us", 1), Color.GREEN, List.of(2, 3), null),
				new SimpleKey(new Sku("eu", 7), Color.RED, List.of(Color.GREEN)));
		assertRoundTrip(keys, this.trusted);
		assertThat(this.classLoader.requested).as("loaded by the application's class loader")
			.contains(Sku.class.getName(), Color.class.getName(), Order.class.getName());
	}

	@Test
	void decode_enumsAndRecordsOfUntrustedClasses_areNotDecodedAndLoadNoClass() {
		for (Object key : List.of(new Sku("eu", 42), Color.RED, Thread.State.NEW, new SimpleKey("a", new Sku("eu", 1)),
				List.of(Color.RED, "b"))) {
			assertThat(SecondLevelKeys.decode(SecondLevelKeys.encode(key), this.untrusted)).as("%s", key)
				.isSameAs(SecondLevelKeys.NOT_DECODED);
		}
		assertThat(SecondLevelKeys.decode("#dev.faascache.hostile.InitialisedByName:[]", this.trusted))
			.isSameAs(SecondLevelKeys.NOT_DECODED);
		assertThat(SecondLevelKeys.decode("#java.lang.Class:java.lang.Runtime", this.trusted))
			.isSameAs(SecondLevelKeys.NOT_DECODED);
		assertThat(this.classLoader.requested).isEmpty();
	}

	@Test
	void decode_keyThatNoTrustedClassCanHold_isNotDecoded() {
		String sku = "#" + Sku.class.getName() + ":";
		for (String text : List.of(sku + "[\"eu\",\"#java.lang.Integer:42\"]", sku + "[\"eu\"]",
				sku + "[\"eu\",\"#null\"]", sku + "[\"eu\",\"#java.lang.Long:1\",\"x\"]",
				"#" + Color.class.getName() + ":PINK", "#" + Color.class.getName() + ":[\"RED\"]",
				"#" + Checked.class.getName() + ":[\"\"]",
				"#java.util.ArrayList:[\"a\"]", "#dev.faascache.spring.Missing:[]")) {
			assertThat(SecondLevelKeys.decode(text, this.trusted)).as(text).isSameAs(SecondLevelKeys.NOT_DECODED);
		}
	}

	@Test
	void decode_textNoKeyHas_isRefused() {
		String list = "#java.util.List:";
		for (String text : List.of("#", "#java.lang.Integer", "#:42", "#java.lang.Integer:042", "#java.lang.Integer:x",
				"#java.lang.Boolean:yes", "#java.lang.Character:ab", "#java.math.BigDecimal:1e400000000000",
				"#java.util.UUID:1-1-1-1-1", "#java.time.LocalDate:2026-13-01", list, list + "[", list + "]",
				list + "[\"a\"", list + "[\"a\",]", list + "[,\"a\"]", list + "[ \"a\"]", list + "[\"a\" ]",
				list + "[\"a\"\"b\"]", list + "[a]", list + "[\"a\\\"]", list + "[\"a\\n\"]", list + "[\"\\u0041\"]",
				list + "[\"#java.lang.Integer:042\"]", list + "[\"#nul\"]", list + "[\"#null\"]x",
				"#org.springframework.cache.interceptor.SimpleKey:[\"a\",[\"b\"]]",
				"#" + Sku.class.getName() + ":[\"eu\",\"#java.lang.Long:+1\"]")) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> SecondLevelKeys.decode(text, this.trusted));
		}
	}

	@Test
	void decode_textLongerThanTheBound_isRefused() {
		String huge = "#java.util.List:[" + "\"a\",".repeat(SecondLevelKeys.MAX_LENGTH / 4) + "\"a\"]";
		assertThatIllegalArgumentException().isThrownBy(() -> SecondLevelKeys.decode(huge, this.trusted))
			.withMessageContaining("longer than " + SecondLevelKeys.MAX_LENGTH);
	}

	@Test
	void decode_keyNestedDeeperThanTheBound_isNotDecoded() {
		Object key = List.of();
		for (int depth = 1; depth < SecondLevelKeys.MAX_DEPTH; depth++) {
			key = List.of(key);
		}
		assertThat(SecondLevelKeys.decode(SecondLevelKeys.encode(key), this.trusted)).isEqualTo(key);
		Object deeper = List.of(key);
		assertThat(SecondLevelKeys.decode(SecondLevelKeys.encode(deeper), this.trusted))
			.isSameAs(SecondLevelKeys.NOT_DECODED);
	}

	@Test
	void decode_randomText_throwsNothingButIllegalArgument() {
		Random random = new Random(42);
		String alphabet = "[]\",\\#:a0ju.lLnsI";
		List<String> prefixes = List.of("#java.util.List:", "#org.springframework.cache.interceptor.SimpleKey:",
				"#" + Sku.class.getName() + ":", "#java.util.List:[\"#java.util.List:");
		for (int i = 0; i < 100_000; i++) {
			StringBuilder text = new StringBuilder(prefixes.get(random.nextInt(prefixes.size())));
			for (int length = random.nextInt(30); length > 0; length--) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			Throwable thrown = catchThrowable(() -> SecondLevelKeys.decode(text.toString(), this.trusted));
			if (thrown != null && !(thrown instanceof IllegalArgumentException)) {
				throw new AssertionError("Reading " + text + " threw " + thrown, thrown);
			}
		}
	}

	private static void assertRoundTrip(List<Object> keys, TrustedClasses trusted) {
		for (Object key : keys) {
			assertThat(SecondLevelKeys.decode(SecondLevelKeys.encode(key), trusted)).as("%s", key).isEqualTo(key);
		}
	}

	record Sku(String region, long number) {
	}

	record Order(Sku sku, Color color, List<Integer> lines, String note) {
	}

	record Checked(String name) {

		Checked {
			if (name.isEmpty()) {
				throw new IllegalArgumentException("name must not be empty");
			}
		}

	}

	enum Color {

		RED, GREEN {

			@Override
			public String toString() {
				return "green";
			}

		}

	}

	/**
	 * Records the names of the classes it is asked to load.
	 */
	static final class RecordingClassLoader extends ClassLoader {

		final Set<String> requested = ConcurrentHashMap.newKeySet();

		RecordingClassLoader(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			this.requested.add(name);
			return super.loadClass(name, resolve);
		}

	}

}
