/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FieldLayout}'s offsets, worked out from HotSpot's rules, against the offsets
 * {@code Unsafe} reports for the running JVM: classes with gaps a subclass fills, with fields of
 * every size, and the JDK's own, {@code @Contended} ones included. Records have no offsets to
 * read; they follow the same rules, which the heap-truth and deep-sizer tests check. Not
 * {@code Thread}: the JVM injects fields into it that reflection does not show.
 */
class FieldLayoutTests {

	static Stream<Class<?>> classes() throws ClassNotFoundException {
		return Stream.of(Object.class, Empty.class, ByteAndLong.class, FillsParentGap.class, EverySize.class,
				ReferencesOnly.class, DeepSubclass.class, String.class, Integer.class, Long.class, BigDecimal.class,
				BigInteger.class, Instant.class, LocalDateTime.class, ArrayList.class, HashMap.class,
				LinkedHashMap.class, TreeMap.class, ConcurrentHashMap.class, LongAdder.class,
				Class.forName("java.util.HashMap$Node"), Class.forName("java.util.LinkedHashMap$Entry"),
				Class.forName("java.util.TreeMap$Entry"), Class.forName("java.util.concurrent.atomic.Striped64$Cell"),
				Class.forName("java.util.concurrent.ConcurrentHashMap$CounterCell"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("classes")
	void offsets_matchUnsafe(Class<?> type) {
		assertThat(FieldLayout.of(type).offsets()).as("field offsets of %s", type).containsExactly(unsafeOffsets(type));
	}

	/**
	 * The instance size is the end of the last field, rounded up to the object alignment, except
	 * where {@code @Contended} padding follows the fields, which only the layout knows.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("classes")
	void instanceSize_coversTheLastFieldAligned(Class<?> type) {
		long[] offsets = unsafeOffsets(type);
		long size = FieldLayout.of(type).instanceSize();
		assertThat(size % MemoryLayout.ALIGNMENT).isZero();
		if (offsets.length > 0) {
			assertThat(size).isGreaterThanOrEqualTo(offsets[offsets.length - 1] + 1);
		}
	}

	private static long[] unsafeOffsets(Class<?> type) {
		List<Long> offsets = new ArrayList<>();
		for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
			for (Field field : declaring.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers())) {
					offsets.add(FieldReader.offsetOf(field));
				}
			}
		}
		long[] sorted = offsets.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		return sorted;
	}

	static class Empty {

	}

	static class ByteAndLong {

		byte tiny;

		long big;

	}

	static class FillsParentGap extends ByteAndLong {

		short small;

		int number;

		Object reference;

	}

	static class EverySize {

		boolean flag;

		Object first;

		byte tiny;

		char letter;

		short small;

		int number;

		float ratio;

		long big;

		double precise;

		Object second;

	}

	static class ReferencesOnly {

		Object first;

		String second;

		int[] third;

	}

	static class DeepSubclass extends FillsParentGap {

		byte more;

		long last;

	}

}
