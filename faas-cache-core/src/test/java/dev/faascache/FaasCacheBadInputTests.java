/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Every public entry point of the core, fed bad input: each call must fail fast with the
 * documented exception, a message that names the bad value, and no change to what is cached.
 */
class FaasCacheBadInputTests {

	private static final Duration ZERO = Duration.ZERO;

	private static final Duration NEGATIVE = Duration.ofSeconds(-1);

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	/** A value the test sizer measures as negative. */
	private static final String NEGATIVE_SIZE = "negative size";

	/** A value the test sizer measures as larger than any budget. */
	private static final String TOO_LARGE = "too large";

	/** A value the test sizer fails to measure. */
	private static final String UNMEASURABLE = "unmeasurable";

	private final FakeTicker ticker = new FakeTicker();

	private final List<String> removals = Collections.synchronizedList(new ArrayList<>());

	private FaasCache<String, String> cache;

	@BeforeEach
	void populate() {
		this.cache = FaasCache.<String, String>builder()
			.maxSize("1M")
			.maxItems(100)
			.defaultTtl(MINUTE)
			.ticker(this.ticker)
			.clock(Clock.fixed(NOW, ZoneOffset.UTC))
			.sizer(FaasCacheBadInputTests::size)
			.removalListener((key, value, cause) -> this.removals.add(key + "=" + value + ":" + cause))
			.build();
		this.cache.put("a", "1");
		this.cache.put("b", "2", Duration.ofMinutes(5));
		this.cache.put("c", "3", null);
	}

	private static long size(Object object) {
		if (NEGATIVE_SIZE.equals(object)) {
			return -1;
		}
		if (UNMEASURABLE.equals(object)) {
			throw new UnsupportedOperationException("sizer cannot measure '" + object + "'");
		}
		return TOO_LARGE.equals(object) ? Long.MAX_VALUE / 2 : Sizer.deep().sizeOf(object);
	}

	// The cache

	@ParameterizedTest
	@MethodSource
	void cacheMethod_badInput_failsAndKeepsContents(Consumer<FaasCache<String, String>> call,
			Class<? extends Throwable> type, String named) {
		Map<String, Object> before = state(this.cache);
		assertThatThrownBy(() -> call.accept(this.cache)).isInstanceOf(type).hasMessageContaining(named);
		assertThat(state(this.cache)).isEqualTo(before);
		assertThat(this.removals).isEmpty();
	}

	static Stream<Arguments> cacheMethod_badInput_failsAndKeepsContents() {
		Class<NullPointerException> npe = NullPointerException.class;
		Class<IllegalArgumentException> iae = IllegalArgumentException.class;
		Class<NoSuchElementException> missing = NoSuchElementException.class;
		Map<String, String> nullValue = new LinkedHashMap<>();
		nullValue.put("a", null);
		return Stream.of(
				row("get(null)", npe, "key", (c) -> c.get(null)),
				row("getOrDefault(null, v)", npe, "key", (c) -> c.getOrDefault(null, "v")),
				row("containsKey(null)", npe, "key", (c) -> c.containsKey(null)),
				row("containsValue(null)", npe, "value", (c) -> c.containsValue(null)),
				row("put(null, v)", npe, "key", (c) -> c.put(null, "v")),
				row("put(k, null)", npe, "value", (c) -> c.put("a", null)),
				row("put(null, v, ttl)", npe, "key", (c) -> c.put(null, "v", MINUTE)),
				row("put(k, null, ttl)", npe, "value", (c) -> c.put("a", null, MINUTE)),
				row("put(k, v, zero)", iae, "PT0S", (c) -> c.put("a", "v", ZERO)),
				row("put(k, v, negative)", iae, "PT-1S", (c) -> c.put("a", "v", NEGATIVE)),
				row("putIfAbsent(null, v)", npe, "key", (c) -> c.putIfAbsent(null, "v")),
				row("putIfAbsent(k, null)", npe, "value", (c) -> c.putIfAbsent("d", null)),
				row("putAll(null value)", npe, "value", (c) -> c.putAll(nullValue)),
				row("remove(null)", npe, "key", (c) -> c.remove(null)),
				row("remove(null, v)", npe, "key", (c) -> c.remove(null, "1")),
				row("replace(null, v)", npe, "key", (c) -> c.replace(null, "v")),
				row("replace(k, null)", npe, "value", (c) -> c.replace("a", null)),
				row("replace(null, old, new)", npe, "key", (c) -> c.replace(null, "1", "v")),
				row("replace(k, null, new)", npe, "oldValue", (c) -> c.replace("a", null, "v")),
				row("replace(k, old, null)", npe, "newValue", (c) -> c.replace("a", "1", null)),
				row("computeIfAbsent(null, f)", npe, "key", (c) -> c.computeIfAbsent(null, (k) -> "v")),
				row("computeIfAbsent(k, null)", npe, "mappingFunction", (c) -> c.computeIfAbsent("d", null)),
				row("computeIfPresent(null, f)", npe, "key", (c) -> c.computeIfPresent(null, (k, v) -> "v")),
				row("computeIfPresent(k, null)", npe, "remappingFunction", (c) -> c.computeIfPresent("a", null)),
				row("compute(null, f)", npe, "key", (c) -> c.compute(null, (k, v) -> "v")),
				row("compute(k, null)", npe, "remappingFunction", (c) -> c.compute("a", null)),
				row("merge(null, v, f)", npe, "key", (c) -> c.merge(null, "v", (o, n) -> n)),
				row("merge(k, null, f)", npe, "value", (c) -> c.merge("a", null, (o, n) -> n)),
				row("merge(k, v, null)", npe, "remappingFunction", (c) -> c.merge("a", "v", null)),
				row("setTtl(null, ttl)", npe, "key", (c) -> c.setTtl(null, MINUTE)),
				row("setTtl(k, zero)", iae, "PT0S", (c) -> c.setTtl("a", ZERO)),
				row("setTtl(k, negative)", iae, "PT-1S", (c) -> c.setTtl("a", NEGATIVE)),
				row("setTtl(missing, ttl)", missing, "'missing'", (c) -> c.setTtl("missing", MINUTE)),
				row("getTtl(null)", npe, "key", (c) -> c.getTtl(null)),
				row("getTtl(missing)", missing, "'missing'", (c) -> c.getTtl("missing")),
				row("expireAt(null, instant)", npe, "key", (c) -> c.expireAt(null, NOW)),
				row("expireAt(k, null)", npe, "instant", (c) -> c.expireAt("a", null)),
				row("expireAt(missing, instant)", missing, "'missing'", (c) -> c.expireAt("missing", NOW)),
				row("isExpired(null)", npe, "key", (c) -> c.isExpired(null)),
				row("coldest(negative)", iae, "was -1", (c) -> c.coldest(-1)),
				row("hottest(negative)", iae, "was -1", (c) -> c.hottest(-1)),
				row("setDefaultTtl(zero)", iae, "PT0S", (c) -> c.setDefaultTtl(ZERO)),
				row("setDefaultTtl(negative)", iae, "PT-1S", (c) -> c.setDefaultTtl(NEGATIVE)),
				row("changeByteSize(null)", npe, "size", (c) -> c.changeByteSize((String) null)),
				row("changeByteSize(malformed)", iae, "'bad'", (c) -> c.changeByteSize("bad")),
				row("changeByteSize(\"0\")", iae, "'0'", (c) -> c.changeByteSize("0")),
				row("changeByteSize(0)", iae, "size 0", (c) -> c.changeByteSize(0)),
				row("changeByteSize(negative)", iae, "size -1", (c) -> c.changeByteSize(-1)),
				row("changeByteSize(smaller than the structure)", iae, "was 1", (c) -> c.changeByteSize(1)),
				row("changeMaxItems(0)", iae, "maxItems must be positive but was 0", (c) -> c.changeMaxItems(0)),
				row("changeMaxItems(negative)", iae, "was -1", (c) -> c.changeMaxItems(-1)),
				row("advanceTime(null)", npe, "elapsed", (c) -> c.advanceTime(null)),
				row("advanceTime(negative)", iae, "PT-1S", (c) -> c.advanceTime(NEGATIVE)),
				row("put(k, value sized negative)", IllegalStateException.class, "-1",
						(c) -> c.put("a", NEGATIVE_SIZE)),
				row("compute(k, value sized negative)", IllegalStateException.class, "-1",
						(c) -> c.compute("a", (k, v) -> NEGATIVE_SIZE)),
				row("put(k, value the sizer fails on)", UnsupportedOperationException.class, UNMEASURABLE,
						(c) -> c.put("a", UNMEASURABLE)),
				row("compute(k, value the sizer fails on)", UnsupportedOperationException.class, UNMEASURABLE,
						(c) -> c.compute("a", (k, v) -> UNMEASURABLE)),
				row("merge(k, value the sizer fails on)", UnsupportedOperationException.class, UNMEASURABLE,
						(c) -> c.merge("d", UNMEASURABLE, (o, n) -> n)),
				row("put(k, value too large)", EntryTooLargeException.class, "'a'", (c) -> c.put("a", TOO_LARGE)),
				row("merge(k, value too large)", EntryTooLargeException.class, "'a'",
						(c) -> c.merge("a", TOO_LARGE, (o, n) -> n)),
				row("computeIfAbsent(k, value too large)", EntryTooLargeException.class, "'d'",
						(c) -> c.computeIfAbsent("d", (k) -> TOO_LARGE)));
	}

	private static Arguments row(String name, Class<? extends Throwable> type, String named,
			Consumer<FaasCache<String, String>> call) {
		return argumentSet(name, call, type, named);
	}

	/**
	 * Return everything a user can observe of the cache without changing it.
	 */
	private static Map<String, Object> state(FaasCache<String, String> cache) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("entries", Map.copyOf(cache));
		Map<String, Optional<Duration>> ttls = new LinkedHashMap<>();
		cache.keySet().forEach((key) -> ttls.put(key, cache.getTtl(key)));
		state.put("ttls", ttls);
		state.put("bytes", cache.getByteSize());
		state.put("defaultTtl", String.valueOf(cache.getDefaultTtl()));
		state.put("maxSize", cache.getMaxSize());
		state.put("maxItems", cache.getMaxItems());
		return state;
	}

	@ParameterizedTest
	@MethodSource
	void ttl_huge_neverExpires(Consumer<FaasCache<String, String>> write) {
		write.accept(this.cache);
		this.ticker.advance(Duration.ofDays(365L * 250));
		assertThat(this.cache).containsEntry("k", "v");
		assertThat(this.cache.getTtl("k")).satisfiesAnyOf((left) -> assertThat(left).isEmpty(),
				(left) -> assertThat(left.get()).isGreaterThan(Duration.ofDays(365L * 10)));
		assertThat(this.removals).noneMatch((removal) -> removal.startsWith("k="));
	}

	static Stream<Arguments> ttl_huge_neverExpires() {
		Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
		return Stream.of(write("put(k, v, huge)", (c) -> c.put("k", "v", huge)),
				write("put(k, v, Long.MAX_VALUE ns)", (c) -> c.put("k", "v", Duration.ofNanos(Long.MAX_VALUE))),
				write("setTtl(k, huge)", (c) -> {
					c.put("k", "v");
					c.setTtl("k", huge);
				}), write("setDefaultTtl(huge)", (c) -> {
					c.setDefaultTtl(huge);
					c.put("k", "v");
				}), write("expireAt(k, Instant.MAX)", (c) -> {
					c.put("k", "v");
					c.expireAt("k", Instant.MAX);
				}));
	}

	private static Arguments write(String name, Consumer<FaasCache<String, String>> write) {
		return argumentSet(name, write);
	}

	@Test
	void builder_hugeDefaultTtl_neverExpires() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder()
			.defaultTtl(Duration.ofSeconds(Long.MAX_VALUE))
			.ticker(this.ticker)
			.build();
		cache.put("k", "v");
		this.ticker.advance(Duration.ofDays(365L * 250));
		assertThat(cache).containsEntry("k", "v");
	}

	@Test
	void put_ttlOfCenturies_expiresNeitherEarlyNorNever() {
		Duration ttl = Duration.ofDays(365L * 200);
		this.cache.put("k", "v", ttl);
		this.ticker.advance(ttl.minusDays(1));
		assertThat(this.cache).containsEntry("k", "v");
		this.ticker.advance(Duration.ofDays(2));
		this.cache.cleanUp();
		assertThat(this.cache).doesNotContainKey("k");
		assertThat(this.removals).contains("k=v:EXPIRED");
	}

	@Test
	void expireAt_instantMin_expiresOnlyThatEntry() {
		this.cache.expireAt("a", Instant.MIN);
		assertThat(this.cache).doesNotContainKey("a").containsOnlyKeys("b", "c");
		assertThat(this.removals).containsExactly("a=1:EXPIRED");
	}

	// Keys that break the hashCode contract

	@Test
	void keyWhoseHashCodeThrows_failsEveryCallAndKeepsContents() {
		FaasCache<Object, String> cache = FaasCache.<Object, String>builder().maxItems(3).ticker(this.ticker).build();
		cache.put("a", "1");
		cache.put("b", "2");
		Map<Object, String> entries = Map.copyOf(cache);
		long bytes = cache.getByteSize();
		ThrowingKey key = new ThrowingKey();
		List<Consumer<FaasCache<Object, String>>> calls = List.of((c) -> c.put(key, "v"), (c) -> c.get(key),
				(c) -> c.containsKey(key), (c) -> c.remove(key), (c) -> c.putIfAbsent(key, "v"),
				(c) -> c.computeIfAbsent(key, (k) -> "v"), (c) -> c.merge(key, "v", String::concat),
				(c) -> c.put(key, "v", MINUTE));
		for (Consumer<FaasCache<Object, String>> call : calls) {
			assertThatThrownBy(() -> call.accept(cache)).isInstanceOf(UnsupportedOperationException.class)
				.hasMessageContaining("hashCode");
			assertThat(cache).containsExactlyInAnyOrderEntriesOf(entries);
			assertThat(cache.getByteSize()).isEqualTo(bytes);
		}
	}

	@Test
	void keyWhoseHashCodeChangesAfterInsert_cannotBeFoundButIsEvictedAndReleased() {
		List<String> removed = new ArrayList<>();
		FaasCache<MutableKey, String> cache = FaasCache.<MutableKey, String>builder()
			.maxItems(3)
			.ticker(this.ticker)
			.removalListener((key, value, cause) -> removed.add(value + ":" + cause))
			.build();
		long empty = cache.getByteSize();
		MutableKey key = new MutableKey(1);
		cache.put(key, "mutated");
		key.id = 99;
		// as in any hash map, the entry can no longer be found through its key
		assertThat(cache.get(key)).isNull();
		assertThat(cache.remove(key)).isNull();
		assertThat(cache).hasSize(1);
		for (int id = 2; id <= 4; id++) {
			cache.put(new MutableKey(id), String.valueOf(id));
		}
		// but it is still the least recently used entry: evicted, reported once, its bytes released
		assertThat(removed).containsExactly("mutated:ITEMS");
		assertThat(cache.keySet()).extracting((k) -> k.id).containsExactlyInAnyOrder(2, 3, 4);
		assertThat(cache.values()).containsExactlyInAnyOrder("2", "3", "4");
		MutableKey expiring = new MutableKey(5);
		cache.put(expiring, "expiring", MINUTE);
		expiring.id = 98;
		this.ticker.advance(MINUTE);
		cache.cleanUp();
		cache.clear();
		assertThat(removed).contains("expiring:EXPIRED");
		assertThat(cache.keySet()).isEmpty();
		assertThat(cache.getByteSize()).isEqualTo(empty + TimerWheel.BUCKETS_BYTES + cache.tableBytes());
	}

	/** A key whose hashCode is broken, as a key with a bug in it would be. */
	private static final class ThrowingKey {

		@Override
		public int hashCode() {
			throw new UnsupportedOperationException("hashCode of a key with a bug");
		}

	}

	/** A key whose hashCode changes with a field, mutated after the key is cached. */
	private static final class MutableKey {

		int id;

		MutableKey(int id) {
			this.id = id;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof MutableKey key && key.id == this.id;
		}

		@Override
		public int hashCode() {
			return this.id;
		}

	}

	// The builder

	@ParameterizedTest
	@MethodSource
	void builder_badInput_failsNamingTheValue(Consumer<FaasCache.Builder<String, String>> call,
			Class<? extends Throwable> type, String named) {
		assertThatThrownBy(() -> call.accept(FaasCache.builder())).isInstanceOf(type).hasMessageContaining(named);
	}

	static Stream<Arguments> builder_badInput_failsNamingTheValue() {
		Class<NullPointerException> npe = NullPointerException.class;
		Class<IllegalArgumentException> iae = IllegalArgumentException.class;
		return Stream.of(builderRow("maxSize((String) null)", npe, "size", (b) -> b.maxSize((String) null)),
				builderRow("maxSize((ByteSize) null)", npe, "maxSize", (b) -> b.maxSize((ByteSize) null)),
				builderRow("maxSize(0)", iae, "size 0", (b) -> b.maxSize(0)),
				builderRow("maxSize(negative)", iae, "size -1", (b) -> b.maxSize(-1)),
				builderRow("maxSize(Long.MIN_VALUE)", iae, String.valueOf(Long.MIN_VALUE),
						(b) -> b.maxSize(Long.MIN_VALUE)),
				builderRow("maxSize smaller than the structure", iae, "was 1", (b) -> b.maxSize(1).build()),
				builderRow("maxItems(0)", iae, "maxItems must be positive but was 0", (b) -> b.maxItems(0)),
				builderRow("maxItems(negative)", iae, "was -1", (b) -> b.maxItems(-1)),
				builderRow("defaultTtl(zero)", iae, "PT0S", (b) -> b.defaultTtl(ZERO)),
				builderRow("defaultTtl(negative)", iae, "PT-1S", (b) -> b.defaultTtl(NEGATIVE)),
				builderRow("ticker(null)", npe, "ticker", (b) -> b.ticker(null)),
				builderRow("clock(null)", npe, "clock", (b) -> b.clock(null)),
				builderRow("sizer(null)", npe, "sizer", (b) -> b.sizer(null)),
				builderRow("removalListener(null)", npe, "removalListener", (b) -> b.removalListener(null)),
				builderRow("sharedBudget(null)", npe, "budget", (b) -> b.sharedBudget(null)));
	}

	private static Arguments builderRow(String name, Class<? extends Throwable> type, String named,
			Consumer<FaasCache.Builder<String, String>> call) {
		return argumentSet(name, call, type, named);
	}

	@ParameterizedTest
	@ValueSource(strings = { "12X", "M", "", "-5K", "0", "infM", "nanK", "0.0001K" })
	void maxSize_malformed(String size) {
		assertThatIllegalArgumentException().isThrownBy(() -> FaasCache.builder().maxSize(size))
			.withMessageContaining("'" + size + "'")
			.withMessageContaining(ByteSize.ACCEPTED_FORMS);
	}

	@ParameterizedTest
	@MethodSource
	void builder_setTwice_namesTheEarlierValue(Consumer<FaasCache.Builder<String, String>> twice, String earlier) {
		assertThatThrownBy(() -> twice.accept(FaasCache.builder())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("already set to " + earlier);
	}

	static Stream<Arguments> builder_setTwice_namesTheEarlierValue() {
		Ticker ticker = new FakeTicker();
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		Sizer sizer = (object) -> 1;
		RemovalListener<Object, Object> listener = (key, value, cause) -> {
		};
		SharedBudget budget = SharedBudget.of("1M");
		return Stream.of(twice("maxSize", "64M", (b) -> b.maxSize("64M").maxSize("128M")),
				twice("maxSize(long)", "1024", (b) -> b.maxSize(1024).maxSize(2048)),
				twice("maxItems", "10", (b) -> b.maxItems(10).maxItems(20)),
				twice("defaultTtl", "PT1M", (b) -> b.defaultTtl(MINUTE).defaultTtl(Duration.ofHours(1))),
				twice("defaultTtl(null)", "null", (b) -> b.defaultTtl(null).defaultTtl(MINUTE)),
				twice("ticker", ticker.toString(), (b) -> b.ticker(ticker).ticker(ticker)),
				twice("clock", clock.toString(), (b) -> b.clock(clock).clock(Clock.systemUTC())),
				twice("sizer", sizer.toString(), (b) -> b.sizer(sizer).sizer(Sizer.deep())),
				twice("removalListener", listener.toString(),
						(b) -> b.removalListener(listener).removalListener(listener)),
				twice("sharedBudget", budget.toString(), (b) -> b.sharedBudget(budget).sharedBudget(budget)));
	}

	private static Arguments twice(String setter, String earlier, Consumer<FaasCache.Builder<String, String>> twice) {
		return argumentSet(setter, twice, earlier);
	}

	// Sizes

	@ParameterizedTest
	@CsvSource({ "1024, 1024", "1K, 1024", "1.5M, 1572864", "64m, 67108864", "1G, 1073741824",
			"1T, 1099511627776", "128MB, 134217728", "128MiB, 134217728", "128mib, 134217728", "1B, 1",
			"0.5K, 512", "' 2K ', 2048", "2 K, 2048", "1.0001K, 1024", "8388607T, 9223370937343148032" })
	void byteSizeParse_accepted(String text, long bytes) {
		ByteSize size = ByteSize.parse(text);
		assertThat(size.toBytes()).isEqualTo(bytes);
		assertThat(size).hasToString(text.strip());
	}

	@ParameterizedTest
	@ValueSource(strings = { "12X", "M", "", " ", "-5K", "+5K", "0", "0K", "0.0001K", "infM", "nanK", "1e3", "1,5M",
			"1KK", "1.K", ".5K", "K1", "1P", "1 KB B", "0x10" })
	void byteSizeParse_malformed_namesInputAndAcceptedForms(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
			.withMessageContaining("'" + text + "'")
			.withMessageContaining(ByteSize.ACCEPTED_FORMS);
	}

	@ParameterizedTest
	@CsvSource({ "8388608T, 9223372036854775807", "99999999999999999999, 9223372036854775807",
			"9223372036854775808, 9223372036854775807" })
	void byteSizeParse_tooLarge_namesInputAndLimit(String text, String limit) {
		assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text))
			.withMessageContaining("'" + text + "'")
			.withMessageContaining(limit);
	}

	@Test
	void byteSizeParse_null() {
		assertThatThrownBy(() -> ByteSize.parse(null)).isInstanceOf(NullPointerException.class)
			.hasMessageContaining("size");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, Long.MIN_VALUE })
	void byteSizeOfBytes_notPositive(long bytes) {
		assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.ofBytes(bytes))
			.withMessageContaining(String.valueOf(bytes))
			.withMessageContaining(ByteSize.ACCEPTED_FORMS);
	}

	@ParameterizedTest
	@CsvSource({ "25%, 250", "100%, 1000", "0.5 %, 5" })
	void byteSizeParse_heapShare(String text, long bytes) {
		assertThat(ByteSize.parse(text, 1000).toBytes()).isEqualTo(bytes);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0%", "101%", "0.01%" })
	void byteSizeParse_heapShareOutOfRange(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text, 1000))
			.withMessageContaining("'" + text + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-5%", "%", "25%%", "25 % M" })
	void byteSizeParse_heapShareMalformed(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse(text, 1000))
			.withMessageContaining("'" + text + "'")
			.withMessageContaining(ByteSize.ACCEPTED_FORMS);
	}

	@Test
	void byteSizeParse_heapShareWithoutHeapLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse("25%", Long.MAX_VALUE))
			.withMessageContaining("'25%'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "12X", "0", "" })
	void sharedBudgetOf_malformed(String size) {
		assertThatIllegalArgumentException().isThrownBy(() -> SharedBudget.of(size))
			.withMessageContaining("'" + size + "'");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1 })
	void sharedBudgetOf_notPositive(long bytes) {
		assertThatIllegalArgumentException().isThrownBy(() -> SharedBudget.of(bytes))
			.withMessageContaining(String.valueOf(bytes));
	}

}
