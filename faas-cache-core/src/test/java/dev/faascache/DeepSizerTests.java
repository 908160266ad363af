/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.github.jamm.CannotAccessFieldException;
import org.github.jamm.Measurable;
import org.github.jamm.MeasurementStack;
import org.github.jamm.MemoryMeter;
import org.github.jamm.MemoryMeterStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link Sizer#deep()}, against jamm's {@code measureDeep} as the reference. Before
 * JDK 24, where the default sizer reads JDK classes through {@code Unsafe}, every shape of value
 * must measure to exactly the bytes jamm reports. Without {@code Unsafe} (the default from JDK 24,
 * and {@link ClassLayout#PUBLIC_API}, tested on every JDK), the JDK classes whose public API
 * leaves a size open are measured on the high side, and objects the JDK shares between all
 * instances (the sentinel of an immutable list of one) or keeps behind closed fields of its own
 * (a thread's internals) may count less than jamm counts.
 */
class DeepSizerTests {

	private static final MemoryMeter jamm = MemoryMeter.builder().build();

	private final Sizer sizer = Sizer.deep();

	private final Sizer publicApiSizer = new DeepSizer(ClassLayout.PUBLIC_API);

	static Stream<Arguments> shapes() {
		SplittableRandom random = new SplittableRandom(42);
		return Stream.of(
				shape("empty string", () -> new String("")),
				shape("latin-1 string", () -> "x".repeat(100)),
				shape("utf-16 string", () -> "Ж".repeat(100)),
				shape("byte[10240]", () -> new byte[10240]),
				shape("empty arrays", () -> new Object[] { new byte[0], new int[0], new long[0], new Object[0] }),
				shape("every primitive array", () -> new Object[] { new boolean[3], new byte[5], new short[7],
						new char[9], new int[11], new float[13], new long[15], new double[17] }),
				shape("array with nulls and repeats", () -> {
					String shared = "shared".repeat(3);
					return new Object[] { null, shared, shared, null, new int[4] };
				}),
				shape("nested arrays", () -> new int[][] { { 1, 2 }, { 3 }, {} }),
				shape("boxes", () -> List.of(Long.valueOf(1_000_000L), Integer.valueOf(7), Double.valueOf(2.5))),
				shape("record with nested list", () -> new Order("order-1", 42L,
						IntStream.range(0, 10).mapToObj((i) -> new Line("sku-" + i, i)).toList())),
				shape("ArrayList of DTOs", () -> {
					List<Product> products = new ArrayList<>();
					for (int i = 0; i < 100; i++) {
						products.add(new Product("id-" + i, "Product " + i, 100 + i, null));
					}
					return products;
				}),
				shape("HashMap of strings", () -> {
					Map<String, String> map = new HashMap<>();
					for (int i = 0; i < 1000; i++) {
						map.put("key-" + i, "value-" + i);
					}
					return map;
				}),
				shape("LinkedHashMap", Expected.ABOVE, () -> new LinkedHashMap<>(Map.of("a", 1_000_000, "b", 2_000_000))),
				shape("TreeMap in natural order", () -> new TreeMap<>(Map.of("b", "2", "a", "1"))),
				shape("ConcurrentHashMap", Expected.ABOVE, () -> new ConcurrentHashMap<>(Map.of(1_000_001, "x", 1_000_002, "y"))),
				shape("CopyOnWriteArrayList", () -> new CopyOnWriteArrayList<>(List.of("a", "b"))),
				shape("LinkedList", () -> new LinkedList<>(List.of("a", "b", "c"))),
				shape("ArrayDeque", Expected.ABOVE, () -> new ArrayDeque<>(List.of(1_000_000, 2_000_000))),
				shape("immutable collections", Expected.SHARED_SENTINEL, () -> List.of(List.of(), Set.of("a"), Map.of("k", "v"), Optional.empty())),
				shape("cycle", () -> {
					Node first = new Node("first");
					Node second = new Node("second");
					first.next = second;
					second.next = first;
					return first;
				}),
				shape("deep chain", () -> {
					Node head = new Node("0");
					for (int i = 1; i < 100_000; i++) {
						Node node = new Node(Integer.toString(i));
						node.next = head;
						head = node;
					}
					return head;
				}),
				shape("enum and class fields", () -> new Tagged(TimeUnit.SECONDS, String.class, "tag")),
				shape("weak reference", () -> new WeakReference<>(new byte[1024])),
				shape("heap ByteBuffer", () -> ByteBuffer.allocate(512)),
				shape("direct ByteBuffer", Expected.JDK_INTERNALS, () -> ByteBuffer.allocateDirect(512)),
				shape("java.time and math values", () -> List.of(Instant.ofEpochSecond(1_800_000_000L),
						Duration.ofMinutes(5), LocalDate.of(2026, 12, 1), new BigDecimal("12345678901234567890.5"),
						UUID.nameUUIDFromBytes(new byte[] { 1 }))),
				shape("user lambda", () -> {
					String captured = "captured".repeat(4);
					Supplier<String> supplier = () -> captured;
					return supplier;
				}),
				shape("atomic reference", () -> new AtomicReference<>(new int[10])),
				shape("subclass fields", Expected.SHARED_SENTINEL, () -> new SpecialProduct("id", "name", 1, List.of("a"), "extra")),
				shape("record of every primitive", () -> new Primitives(true, (byte) 1, 'c', (short) 2, 3, 4f, 5L, 6d,
						"text")),
				shape("record of a byte and a long", () -> new Padded((byte) 1, 2L)),
				shape("class with @Contended fields", Expected.JDK_INTERNALS, () -> new Thread(() -> {
				}, "unstarted")),
				shape("random bytes", () -> {
					byte[] bytes = new byte[1 + random.nextInt(20_000)];
					random.nextBytes(bytes);
					return bytes;
				}));
	}

	private static Arguments shape(String name, Supplier<Object> value) {
		return shape(name, Expected.EXACT, value);
	}

	private static Arguments shape(String name, Expected withoutUnsafe, Supplier<Object> value) {
		return Arguments.of(name, value.get(), withoutUnsafe);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapes")
	void sizeOf_matchesJammMeasureDeep(String name, Object value, Expected withoutUnsafe) {
		long size = this.sizer.sizeOf(value);
		if (ClassLayout.UNSAFE_READS) {
			assertThat(size).isEqualTo(jamm.measureDeep(value));
		}
		else {
			withoutUnsafe.check(size, value);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapes")
	void sizeOf_withoutUnsafe_matchesJammOrErrsAsDocumented(String name, Object value, Expected withoutUnsafe) {
		withoutUnsafe.check(this.publicApiSizer.sizeOf(value), value);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shapes")
	void sizeOf_isTheSameWhenMeasuredAgain(String name, Object value, Expected withoutUnsafe) {
		long first = this.sizer.sizeOf(value);
		assertThat(this.sizer.sizeOf(value)).isEqualTo(first);
	}

	@Test
	void sizeOf_countsAnObjectReachedTwiceOnce() {
		byte[] shared = new byte[4096];
		long twice = this.sizer.sizeOf(new Object[] { shared, shared });
		long once = this.sizer.sizeOf(new Object[] { shared, null });
		assertThat(twice).isEqualTo(once);
	}

	@Test
	void sizeOf_enumConstantAlone_isZero() {
		assertThat(this.sizer.sizeOf(TimeUnit.SECONDS)).isZero();
	}

	@Test
	void sizeOf_largeGraphAfterSmallOnes_isStillExact() {
		Map<Integer, String> large = new HashMap<>();
		for (int i = 0; i < 50_000; i++) {
			large.put(1_000_000 + i, "value-" + i);
		}
		this.sizer.sizeOf("small");
		assertThat(this.sizer.sizeOf(large)).isEqualTo(jamm.measureDeep(large));
		assertThat(this.sizer.sizeOf(List.of("a", "b"))).isEqualTo(jamm.measureDeep(List.of("a", "b")));
	}

	@Test
	void sizeOf_fromManyThreads_isExact() throws InterruptedException {
		List<Object> values = shapes().map((arguments) -> arguments.get()[1]).toList();
		long[] expected = values.stream().mapToLong(this.sizer::sizeOf).toArray();
		List<Thread> threads = new ArrayList<>();
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		for (int t = 0; t < 4; t++) {
			Thread thread = new Thread(() -> {
				for (int round = 0; round < 20; round++) {
					for (int i = 0; i < values.size(); i++) {
						long size = this.sizer.sizeOf(values.get(i));
						if (size != expected[i]) {
							failures.add(new AssertionError(values.get(i).getClass() + ": " + size + " != " + expected[i]));
						}
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * jamm gives up on a whole graph when it meets a field it cannot read: here the captured
	 * function of a JDK lambda comparator, a hidden class of {@code java.util}. The deep sizer
	 * counts the comparator by its shallow size and still measures every entry of the map.
	 */
	@Test
	void sizeOf_treeMapWithJdkLambdaComparator_countsEntriesAndComparatorShallowly() {
		Comparator<String> comparator = Comparator.comparing(String::length);
		TreeMap<String, String> sorted = new TreeMap<>(comparator);
		TreeMap<String, String> natural = new TreeMap<>();
		for (int i = 0; i < 100; i++) {
			sorted.put("key-" + "x".repeat(i), "value-" + i);
			natural.put("key-" + "x".repeat(i), "value-" + i);
		}
		assertThatExceptionOfType(CannotAccessFieldException.class).isThrownBy(() -> jamm.measureDeep(sorted));
		long size = this.sizer.sizeOf(sorted);
		assertThat(size).isEqualTo(this.sizer.sizeOf(natural) + jamm.measure(comparator));
		assertThat(this.sizer.sizeOf(natural)).isEqualTo(jamm.measureDeep(natural));
	}

	@Test
	void sizeOf_graphWithMeasurable_isMeasuredByJammWhereUnsafeIsSilent() {
		assumeTrue(ClassLayout.UNSAFE_READS, "jamm's Measurable is honoured only where Unsafe is silent, before JDK 24");
		SelfMeasured measured = new SelfMeasured(new byte[100]);
		List<Object> graph = new ArrayList<>(List.of(measured, "text"));
		assertThat(this.sizer.sizeOf(graph)).isEqualTo(jamm.measureDeep(graph));
		assertThat(this.sizer.sizeOf(measured)).isEqualTo(jamm.measureDeep(measured));
	}

	/**
	 * jamm needs {@code Unsafe} to measure a {@code Measurable} (with it denied, making its meter
	 * fails), so without {@code Unsafe} such an object is measured like any other: by its fields.
	 */
	@Test
	void sizeOf_withoutUnsafe_measurableIsMeasuredByItsFields() {
		SelfMeasured measured = new SelfMeasured(new byte[100]);
		long shallow = FieldLayout.of(SelfMeasured.class).instanceSize();

		assertThat(this.publicApiSizer.sizeOf(measured)).isEqualTo(shallow + jamm.measureDeep(new byte[100]));
	}

	/**
	 * How the size without {@code Unsafe} compares with jamm's, which is measured after it, so
	 * that both see the views and caches the sizer makes a JDK object keep.
	 */
	enum Expected {

		EXACT {
			@Override
			void check(long size, Object value) {
				assertThat(size).isEqualTo(jamm.measureDeep(value));
			}
		},

		/** Estimated on the high side, by less than half again or 64 bytes. */
		ABOVE {
			@Override
			void check(long size, Object value) {
				long reference = jamm.measureDeep(value);
				assertThat(size).isBetween(reference, reference + Math.max(64, reference / 2));
			}
		},

		/** Less than jamm by the 16 bytes of one sentinel object all instances share. */
		SHARED_SENTINEL {
			@Override
			void check(long size, Object value) {
				assertThat(size).isEqualTo(jamm.measureDeep(value) - 16);
			}
		},

		/**
		 * Counted by its shallow size: what the JDK keeps behind closed fields is not followed, and
		 * fields the JVM injects into a few of its classes (a thread's) are not seen.
		 */
		JDK_INTERNALS {
			@Override
			void check(long size, Object value) {
				assertThat(size).isBetween(jamm.measure(value) - 16, jamm.measure(value));
			}
		};

		abstract void check(long size, Object value);

	}

	record Order(String id, long amount, List<Line> lines) {
	}

	record Line(String sku, int quantity) {
	}

	static class Product {

		private final String id;

		private final String name;

		private final long priceCents;

		private final List<String> tags;

		Product(String id, String name, long priceCents, List<String> tags) {
			this.id = id;
			this.name = name;
			this.priceCents = priceCents;
			this.tags = tags;
		}

		@Override
		public String toString() {
			return this.id + this.name + this.priceCents + this.tags;
		}

	}

	static final class SpecialProduct extends Product {

		private final String extra;

		SpecialProduct(String id, String name, long priceCents, List<String> tags, String extra) {
			super(id, name, priceCents, tags);
			this.extra = extra;
		}

		@Override
		public String toString() {
			return super.toString() + this.extra;
		}

	}

	static final class Node {

		private final String name;

		private Node next;

		Node(String name) {
			this.name = name;
		}

		@Override
		public String toString() {
			return this.name + "->" + ((this.next != null) ? this.next.name : null);
		}

	}

	record Tagged(TimeUnit unit, Class<?> type, String tag) {
	}

	record Primitives(boolean flag, byte tiny, char letter, short small, int number, float ratio, long big,
			double precise, String text) {
	}

	record Padded(byte tiny, long big) {
	}

	static final class SelfMeasured implements Measurable {

		private final byte[] payload;

		SelfMeasured(byte[] payload) {
			this.payload = payload;
		}

		@Override
		public long shallowSize(MemoryMeterStrategy strategy) {
			return 1000;
		}

		@Override
		public void addChildrenTo(MeasurementStack stack) {
			stack.pushObject(this, "payload", this.payload);
		}

		@Override
		public String toString() {
			return Arrays.toString(this.payload);
		}

	}

}
