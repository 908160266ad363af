/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Behaviour of {@link FaasCache}: the seed library's semantics in Java form — read and write,
 * expiry, LRU order, the three bounds, listeners and statistics. Time comes from a
 * {@link FakeTicker}.
 */
class FaasCacheTests {

	/** Every key and every value weighs this much with {@link #constantSizer}. */
	private static final long OBJECT_BYTES = 100;

	private static final long ENTRY_BYTES = 2 * OBJECT_BYTES + Layout.NODE_OVERHEAD;

	private final Sizer constantSizer = (object) -> OBJECT_BYTES;

	private final FakeTicker ticker = new FakeTicker();

	private final List<String> removals = new ArrayList<>();

	private FaasCache.Builder<String, String> builder() {
		return FaasCache.<String, String>builder()
			.ticker(this.ticker)
			.sizer(this.constantSizer)
			.removalListener((key, value, cause) -> this.removals.add(key + "=" + value + ":" + cause));
	}

	/**
	 * Return the byte budget that holds the cache's structure plus exactly {@code entries}
	 * entries, and a hash table sized for them.
	 */
	private long budgetFor(int entries) {
		return builder().build().getByteSize() + Layout.tableBytes(entries) + entries * ENTRY_BYTES;
	}

	@Test
	void put_thenGet_returnsValue() {
		FaasCache<String, String> cache = builder().build();
		assertThat(cache.put("a", "1")).isNull();
		assertThat(cache.get("a")).isEqualTo("1");
		assertThat(cache.get("missing")).isNull();
		assertThat(cache.getOrDefault("missing", "fallback")).isEqualTo("fallback");
	}

	/**
	 * The byte counts the other tests derive from the production formulas, pinned to literals
	 * measured with jamm for each layout (see {@link JvmLayout}), so that a wrong formula fails
	 * here even where it is used consistently. With keys and values of 100 bytes each: the empty
	 * cache, a first entry with its tables (a 2-slot hash table and 4-slot order arrays), three
	 * entries (an 8-slot hash table), and the timer wheel made for a first time to live.
	 */
	@Test
	void byteSize_pinnedToLiteralsMeasuredPerLayout() {
		FaasCache<String, String> cache = builder().build();
		assertThat(cache.getByteSize()).isEqualTo(JvmLayout.bytes(440, 400));
		assertThat(Layout.NODE_OVERHEAD).as("our node, which links the hash table's bins").isEqualTo(JvmLayout.nodeBytes());
		cache.put("a", "1");
		assertThat(cache.getByteSize()).isEqualTo(JvmLayout.bytes(832, 792));
		cache.put("b", "2");
		cache.put("c", "3");
		assertThat(cache.getByteSize()).isEqualTo(JvmLayout.bytes(1400, 1360));
		cache.put("t", "4", Duration.ofSeconds(1));
		assertThat(cache.getByteSize()).isEqualTo(JvmLayout.bytes(3624, 3576));
		assertThat(TimerWheel.BUCKETS_BYTES).isEqualTo(JvmLayout.wheelBytes());
	}

	@Test
	void put_overwrite_returnsOldValueAndKeepsOneItem() {
		FaasCache<String, String> cache = builder().build();
		cache.put("a", "1");
		assertThat(cache.put("a", "2")).isEqualTo("1");
		assertThat(cache).hasSize(1).containsEntry("a", "2");
		assertThat(cache.getByteSize()).isEqualTo(budgetFor(1));
		assertThat(this.removals).containsExactly("a=1:REPLACED");
	}

	@Test
	void remove_deletesEntryAndReleasesBytes() {
		FaasCache<String, String> cache = builder().build();
		long empty = cache.getByteSize();
		cache.put("a", "1");
		assertThat(cache.remove("a")).isEqualTo("1");
		assertThat(cache.remove("a")).isNull();
		assertThat(cache).isEmpty();
		assertThat(cache.getByteSize()).as("the hash table does not shrink").isEqualTo(empty + Layout.tableBytes(1));
		assertThat(this.removals).containsExactly("a=1:EXPLICIT");
	}

	@Test
	void views_showKeysValuesAndItems() {
		FaasCache<String, String> cache = builder().build();
		cache.put("a", "1");
		cache.put("b", "2");
		assertThat(cache.keySet()).containsExactlyInAnyOrder("a", "b");
		assertThat(cache.values()).containsExactlyInAnyOrder("1", "2");
		assertThat(cache.entrySet()).containsExactlyInAnyOrder(entry("a", "1"), entry("b", "2"));
	}

	@Test
	void entrySetValue_writesThrough() {
		FaasCache<String, String> cache = builder().build();
		cache.put("a", "1");
		cache.entrySet().iterator().next().setValue("2");
		assertThat(cache.get("a")).isEqualTo("2");
	}

	@Test
	void keySetRemove_goesThroughCache() {
		FaasCache<String, String> cache = builder().build();
		cache.put("a", "1");
		assertThat(cache.keySet().remove("a")).isTrue();
		assertThat(cache.getByteSize()).isEqualTo(budgetFor(1) - ENTRY_BYTES);
		assertThat(this.removals).containsExactly("a=1:EXPLICIT");
	}

	@Test
	void defaultTtl_expiredEntryIsInvisibleAtOnce() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(10)).build();
		cache.put("a", "1");
		this.ticker.advanceSeconds(9);
		assertThat(cache.get("a")).isEqualTo("1");
		this.ticker.advanceSeconds(1);
		assertThat(cache.get("a")).isNull();
		assertThat(cache.containsKey("a")).isFalse();
		assertThat(cache.keySet()).isEmpty();
		assertThat(cache.entrySet()).isEmpty();
		assertThat(cache.size()).isZero();
		assertThat(this.removals).containsExactly("a=1:EXPIRED");
	}

	@Test
	void put_afterExpiry_releasesExpiredBytes() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(10)).build();
		cache.put("a", "1");
		this.ticker.advance(Duration.ofSeconds(10).plusNanos(1));
		assertThat(cache.isExpired("a")).isTrue();
		cache.put("b", "2");
		assertThat(cache.getByteSize()).as("with the timer wheel made for the first TTL").isEqualTo(budgetFor(1) + TimerWheel.BUCKETS_BYTES);
		assertThat(this.removals).containsExactly("a=1:EXPIRED");
		assertThat(cache.stats().expirationCount()).isEqualTo(1);
		assertThat(cache.stats().evictionCount()).isEqualTo(1);
	}

	@Test
	void put_withTtl_overridesDefault() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(10)).build();
		cache.put("short", "1", Duration.ofSeconds(2));
		cache.put("forever", "2", null);
		cache.put("default", "3");
		this.ticker.advanceSeconds(2);
		assertThat(cache).containsOnlyKeys("forever", "default");
		this.ticker.advanceSeconds(8);
		assertThat(cache).containsOnlyKeys("forever");
		this.ticker.advance(Duration.ofDays(3650));
		assertThat(cache).containsOnlyKeys("forever");
	}

	@Test
	void setTtl_null_neverExpires() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(10)).build();
		cache.put("a", "1");
		cache.setTtl("a", null);
		this.ticker.advance(Duration.ofDays(400));
		assertThat(cache.get("a")).isEqualTo("1");
		assertThat(cache.getTtl("a")).isEmpty();
	}

	@Test
	void setTtl_countsFromNow() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(10)).build();
		cache.put("a", "1");
		this.ticker.advanceSeconds(8);
		cache.setTtl("a", Duration.ofSeconds(5));
		this.ticker.advanceSeconds(4);
		assertThat(cache.get("a")).isEqualTo("1");
		this.ticker.advanceSeconds(1);
		assertThat(cache.get("a")).isNull();
	}

	@Test
	void getTtl_returnsRemainingTime() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(60)).build();
		cache.put("a", "1");
		this.ticker.advanceSeconds(15);
		assertThat(cache.getTtl("a")).contains(Duration.ofSeconds(45));
	}

	@Test
	void getTtl_missingOrExpiredKey_throwsNamingKey() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(1)).build();
		cache.put("a", "1");
		this.ticker.advanceSeconds(1);
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> cache.getTtl("a"))
			.withMessageContaining("'a'");
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> cache.setTtl("zz", null))
			.withMessageContaining("'zz'");
	}

	@Test
	void expireAt_pastInstant_expiresAtOnce() {
		FaasCache<String, String> cache = builder().build();
		cache.put("a", "1");
		cache.expireAt("a", Instant.now().minusSeconds(1));
		assertThat(cache.get("a")).isNull();
		assertThat(this.removals).containsExactly("a=1:EXPIRED");
	}

	@Test
	void expireAt_futureInstant_isConvertedOnceToTickerTime() {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		FaasCache<String, String> cache = builder().clock(Clock.fixed(start, ZoneOffset.UTC)).build();
		cache.put("a", "1");
		cache.expireAt("a", start.plusSeconds(30));
		assertThat(cache.getTtl("a")).contains(Duration.ofSeconds(30));
		this.ticker.advanceSeconds(29);
		assertThat(cache.get("a")).isEqualTo("1");
		this.ticker.advanceSeconds(1);
		assertThat(cache.get("a")).isNull();
	}

	@Test
	void setDefaultTtl_appliesToNewWritesOnly() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(10)).build();
		cache.put("old", "1");
		cache.setDefaultTtl(Duration.ofSeconds(100));
		assertThat(cache.getDefaultTtl()).isEqualTo(Duration.ofSeconds(100));
		cache.put("new", "2");
		this.ticker.advanceSeconds(10);
		assertThat(cache).containsOnlyKeys("new");
		cache.setDefaultTtl(null);
		cache.put("forever", "3");
		this.ticker.advanceSeconds(1000);
		assertThat(cache).containsOnlyKeys("forever");
	}

	/**
	 * {@code isExpired} answers whether the key has no live entry, so that its answer for an
	 * expired entry does not change when the entry is released, and a key never cached, for
	 * which the Python library answers {@code None}, counts as expired; it is {@code true}
	 * exactly when {@code getTtl} throws.
	 */
	@Test
	void isExpired_trueExactlyWhenThereIsNoLiveEntry() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(5)).build();
		cache.put("a", "1");
		cache.put("removed", "2", null);
		cache.remove("removed");
		assertThat(cache.isExpired("a")).isFalse();
		assertThat(cache.getTtl("a")).contains(Duration.ofSeconds(5));
		this.ticker.advanceSeconds(5);
		for (String key : List.of("a", "removed", "never cached")) {
			assertThat(cache.isExpired(key)).as(key).isTrue();
			assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(() -> cache.getTtl(key))
				.withMessageContaining("'" + key + "'");
		}
		cache.cleanUp();
		assertThat(cache.isExpired("a")).as("released").isTrue();
		assertThat(this.removals).containsExactly("removed=2:EXPLICIT", "a=1:EXPIRED");
	}

	@Test
	void coldestAndHottest_snapshotLiveEntriesInLruOrderWithoutTouching() {
		FaasCache<String, String> cache = builder().maxItems(4).build();
		for (String key : List.of("a", "b", "c", "d")) {
			cache.put(key, key.toUpperCase());
		}
		cache.put("x", "X", Duration.ofSeconds(1));
		cache.get("b");
		this.ticker.advanceSeconds(1);
		assertThat(cache.coldest(10)).containsExactly(entry("c", "C"), entry("d", "D"), entry("b", "B"));
		assertThat(cache.coldest(2)).containsExactly(entry("c", "C"), entry("d", "D"));
		assertThat(cache.hottest(2)).containsExactly(entry("b", "B"), entry("d", "D"));
		assertThat(cache.coldest(0)).isEmpty();
		Map<String, String> snapshot = cache.hottest(10);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> snapshot.put("y", "Y"));
		cache.put("e", "E");
		cache.put("f", "F");
		assertThat(snapshot).as("a snapshot").containsOnlyKeys("b", "c", "d");
		assertThat(cache).as("the snapshots did not count as use").containsOnlyKeys("d", "b", "e", "f");
	}

	@Test
	void pollColdest_removesAndReturnsTheLeastRecentlyUsedLiveEntry() {
		FaasCache<String, String> cache = builder().build();
		long empty = cache.getByteSize();
		cache.put("expiring", "0", Duration.ofSeconds(1));
		cache.put("a", "1");
		cache.put("b", "2");
		cache.get("a");
		this.ticker.advanceSeconds(1);
		assertThat(cache.pollColdest()).isEqualTo(entry("b", "2"));
		assertThat(cache.pollColdest()).isEqualTo(entry("a", "1"));
		assertThat(cache.pollColdest()).isNull();
		assertThat(cache.getByteSize()).isEqualTo(empty + TimerWheel.BUCKETS_BYTES + cache.tableBytes());
		assertThat(this.removals).containsExactly("expiring=0:EXPIRED", "b=2:EXPLICIT", "a=1:EXPLICIT");
	}

	@Test
	void ttl_longerThanTheFinestWheelLevels_expiresOnTime() {
		FaasCache<String, String> cache = builder().build();
		cache.put("days", "1", Duration.ofDays(3));
		cache.put("year", "2", Duration.ofDays(365));
		cache.put("millis", "3", Duration.ofMillis(3));
		this.ticker.advance(Duration.ofMillis(2));
		cache.put("x", "x");
		assertThat(cache).containsKeys("millis");
		this.ticker.advance(Duration.ofMillis(1));
		cache.put("x", "y");
		assertThat(cache).doesNotContainKey("millis");
		this.ticker.advance(Duration.ofDays(3).minusMillis(3).minusNanos(1));
		cache.put("x", "z");
		assertThat(cache).containsKeys("days", "year");
		this.ticker.advance(Duration.ofNanos(1));
		cache.cleanUp();
		assertThat(cache).containsOnlyKeys("year", "x");
		this.ticker.advance(Duration.ofDays(362));
		cache.cleanUp();
		assertThat(cache).containsOnlyKeys("x");
		assertThat(this.removals).filteredOn((removal) -> removal.endsWith("EXPIRED")).hasSize(3);
	}

	@Test
	void advanceTime_agesEveryEntryByTheUnseenGap() {
		FaasCache<String, String> cache = builder().defaultTtl(Duration.ofSeconds(60)).build();
		cache.put("old", "1");
		this.ticker.advanceSeconds(30);
		cache.put("young", "2");
		cache.put("forever", "3", null);
		cache.advanceTime(Duration.ofSeconds(40));
		assertThat(cache).containsOnlyKeys("young", "forever");
		assertThat(cache.getTtl("young")).contains(Duration.ofSeconds(20));
		assertThat(this.removals).containsExactly("old=1:EXPIRED");
		cache.put("new", "4");
		assertThat(cache.getTtl("new")).contains(Duration.ofSeconds(60));
	}

	@Test
	void advanceTime_negative_isRejected() {
		FaasCache<String, String> cache = builder().build();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> cache.advanceTime(Duration.ofSeconds(-1)))
			.withMessageContaining("PT-1S");
	}

	@Test
	void maxItems_evictsLeastRecentlyUsed() {
		FaasCache<String, String> cache = builder().maxItems(3).build();
		cache.put("a", "1");
		cache.put("b", "2");
		cache.put("c", "3");
		cache.get("a");
		cache.put("d", "4");
		assertThat(cache).containsOnlyKeys("a", "c", "d");
		assertThat(this.removals).containsExactly("b=2:ITEMS");
		assertThat(cache.stats().itemsEvictionCount()).isEqualTo(1);
	}

	@Test
	void containsKeyAndTtlMethods_doNotTouch() {
		FaasCache<String, String> cache = builder().maxItems(2).defaultTtl(Duration.ofMinutes(1)).build();
		cache.put("a", "1");
		cache.put("b", "2");
		cache.containsKey("a");
		cache.getTtl("a");
		cache.setTtl("a", Duration.ofMinutes(5));
		cache.put("c", "3");
		assertThat(cache).containsOnlyKeys("b", "c");
	}

	@Test
	void writesAndComputes_touch() {
		FaasCache<String, String> cache = builder().maxItems(3).build();
		cache.put("a", "1");
		cache.put("b", "2");
		cache.put("c", "3");
		cache.computeIfPresent("a", (key, value) -> value + "!");
		cache.merge("b", "?", String::concat);
		cache.put("d", "4");
		assertThat(cache).containsOnlyKeys("a", "b", "d");
	}

	@Test
	void maxSize_evictsLeastRecentlyUsedUntilItFits() {
		FaasCache<String, String> cache = builder().maxSize(budgetFor(2)).build();
		cache.put("a", "1");
		cache.put("b", "2");
		cache.getOrDefault("a", "none");
		cache.put("c", "3");
		assertThat(cache).containsOnlyKeys("a", "c");
		assertThat(cache.getByteSize()).isEqualTo(budgetFor(2));
		assertThat(this.removals).containsExactly("b=2:SIZE");
		assertThat(cache.stats().sizeEvictionCount()).isEqualTo(1);
	}

	@Test
	void changeMaxItems_trimsAtOnceInLruOrder() {
		FaasCache<String, String> cache = builder().build();
		for (String key : List.of("a", "b", "c", "d", "e")) {
			cache.put(key, key);
		}
		cache.get("a");
		cache.changeMaxItems(2);
		assertThat(cache).containsOnlyKeys("e", "a");
		assertThat(cache.getMaxItems()).hasValue(2);
		assertThat(this.removals).containsExactly("b=b:ITEMS", "c=c:ITEMS", "d=d:ITEMS");
	}

	@Test
	void changeByteSize_trimsAtOnceInLruOrder() {
		FaasCache<String, String> cache = builder().maxSize(budgetFor(4)).build();
		for (String key : List.of("a", "b", "c", "d")) {
			cache.put(key, key);
		}
		cache.get("b");
		long twoEntries = budgetFor(0) + cache.tableBytes() + 2 * ENTRY_BYTES;
		cache.changeByteSize(twoEntries);
		assertThat(cache).as("the table sized for four stays").containsOnlyKeys("d", "b");
		assertThat(cache.getByteSize()).isEqualTo(twoEntries);
		cache.changeByteSize("1M");
		assertThat(cache.getMaxSize()).map(ByteSize::toString).contains("1M");
	}

	/**
	 * Regression: after the cache once held many entries and was cleared, a budget smaller than
	 * its hash table, which never shrinks, was accepted, and every {@code put} then failed with
	 * {@link EntryTooLargeException}.
	 */
	@Test
	void changeByteSize_belowWhatTheTableTakes_isRefusedNamingTheLeastAccepted() {
		FaasCache<String, String> cache = builder().maxSize("1M").build();
		for (int i = 0; i < 2_000; i++) {
			cache.put("k" + i, "v");
		}
		cache.clear();
		long tooSmall = budgetFor(2);
		assertThatIllegalArgumentException().isThrownBy(() -> cache.changeByteSize(tooSmall))
			.withMessageContaining(String.valueOf(tooSmall))
			.withMessageContaining("at least " + (budgetFor(0) + Layout.tableBytes(2_000) + Layout.NODE_OVERHEAD));
		assertThat(cache.getMaxSize()).map(ByteSize::toString).contains("1M");
		long least = budgetFor(0) + cache.tableBytes() + Layout.NODE_OVERHEAD;
		assertThatIllegalArgumentException().isThrownBy(() -> cache.changeByteSize(least - 1));
		cache.changeByteSize(least + 2 * OBJECT_BYTES);
		cache.put("a", "1");
		cache.put("b", "2");
		assertThat(cache).containsOnlyKeys("b");
		assertThat(cache.getByteSize()).isEqualTo(least + 2 * OBJECT_BYTES);
	}

	@Test
	void allBoundsTogether_eachApplies() {
		FaasCache<String, String> cache = builder().maxItems(3)
			.maxSize(budgetFor(2) + TimerWheel.BUCKETS_BYTES)
			.defaultTtl(Duration.ofSeconds(30))
			.build();
		cache.put("a", "1");
		cache.put("b", "2", Duration.ofSeconds(5));
		this.ticker.advanceSeconds(5);
		cache.put("c", "3");
		assertThat(cache).containsOnlyKeys("a", "c");
		cache.put("d", "4");
		assertThat(cache).containsOnlyKeys("c", "d");
		cache.changeByteSize(budgetFor(10) + TimerWheel.BUCKETS_BYTES);
		cache.put("e", "5");
		cache.put("f", "6");
		assertThat(cache).containsOnlyKeys("d", "e", "f");
		assertThat(this.removals).containsExactly("b=2:EXPIRED", "a=1:SIZE", "c=3:ITEMS");
	}

	@Test
	void put_entryTooLarge_keepsOldValueAndEvictsNothing() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder()
			.sizer((object) -> object.toString().length())
			.maxSize(8192)
			.build();
		cache.put("a", "small");
		cache.put("b", "small");
		long before = cache.getByteSize();
		assertThatExceptionOfType(EntryTooLargeException.class).isThrownBy(() -> cache.put("a", "x".repeat(10_000)))
			.withMessageContaining("'a'")
			.withMessageContaining("8192")
			.satisfies((ex) -> assertThat(ex.getMaxBytes()).isEqualTo(8192));
		assertThat(cache).containsOnly(entry("a", "small"), entry("b", "small"));
		assertThat(cache.getByteSize()).isEqualTo(before);
		assertThat(cache.stats().rejectionCount()).isEqualTo(1);
		assertThat(cache.stats().evictionCount()).isZero();
	}

	@Test
	void computeIfAbsent_entryTooLarge_leavesNoEntry() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder()
			.sizer((object) -> object.toString().length())
			.maxSize(8192)
			.build();
		assertThatExceptionOfType(EntryTooLargeException.class)
			.isThrownBy(() -> cache.computeIfAbsent("a", (key) -> "x".repeat(10_000)));
		assertThat(cache).isEmpty();
	}

	@Test
	void removalListener_isToldEveryCause() {
		FaasCache<String, String> cache = builder().maxItems(2).defaultTtl(Duration.ofSeconds(10)).build();
		cache.put("a", "1");
		cache.put("a", "2");
		cache.remove("a");
		cache.put("b", "1");
		cache.put("c", "1");
		cache.put("d", "1");
		this.ticker.advanceSeconds(10);
		cache.cleanUp();
		cache.put("e", "1");
		cache.clear();
		assertThat(this.removals.subList(0, 3)).containsExactly("a=1:REPLACED", "a=2:EXPLICIT", "b=1:ITEMS");
		assertThat(this.removals.subList(3, 5)).containsExactlyInAnyOrder("c=1:EXPIRED", "d=1:EXPIRED");
		assertThat(this.removals.subList(5, 6)).containsExactly("e=1:EXPLICIT");
	}

	@Test
	void removalListener_throwing_doesNotBreakCache() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().maxItems(1).removalListener((k, v, c) -> {
			throw new IllegalStateException("listener failure");
		}).build();
		cache.put("a", "1");
		cache.put("b", "2");
		cache.put("b", "3");
		assertThat(cache).containsOnly(entry("b", "3"));
		assertThat(cache.remove("b")).isEqualTo("3");
	}

	/**
	 * Regression: only exceptions were caught, so a listener that threw an {@link Error}
	 * stopped the batch at its first call and the error reached the caller of
	 * {@code changeMaxItems}, whose trim had already taken effect.
	 */
	@Test
	void removalListener_throwingError_everyCallOfTheBatchRunsAndTheCallerSeesNothing() {
		List<String> told = new ArrayList<>();
		FaasCache<String, String> cache = FaasCache.<String, String>builder().removalListener((k, v, c) -> {
			told.add(k);
			throw new AssertionError("listener failure for " + k);
		}).build();
		for (int i = 0; i < 10; i++) {
			cache.put("k" + i, "v");
		}
		cache.changeMaxItems(1);
		assertThat(told).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8");
		assertThat(cache).containsOnlyKeys("k9");
		assertThat(cache.put("k9", "w")).isEqualTo("v");
		assertThat(told).endsWith("k9");
	}

	@Test
	void stats_countHitsMissesPutsAndEvictions() {
		FaasCache<String, String> cache = builder().maxItems(1).build();
		cache.put("a", "1");
		cache.get("a");
		cache.get("b");
		cache.computeIfAbsent("b", (key) -> "2");
		CacheStats stats = cache.stats();
		assertThat(stats.hitCount()).isEqualTo(1);
		assertThat(stats.missCount()).isEqualTo(2);
		assertThat(stats.putCount()).isEqualTo(2);
		assertThat(stats.itemsEvictionCount()).isEqualTo(1);
		assertThat(stats.hitRate()).isEqualTo(1.0 / 3);
	}

	@Test
	void toString_summarisesBoundsAndUsage() {
		FaasCache<String, String> cache = builder().maxSize("128M").maxItems(10).defaultTtl(Duration.ofSeconds(10)).build();
		cache.put("a", "1");
		assertThat(cache.toString()).matches("FaasCache@[0-9a-f]+\\{defaultTtl=PT10S, maxSize=128M, maxItems=10, bytes="
				+ cache.getByteSize() + ", items=1}");
		assertThat(builder().build().toString()).contains("maxSize=unbounded, maxItems=unbounded");
	}

	@Test
	void defaultSizer_measuresValuesDeeply() {
		FaasCache<String, Object> cache = FaasCache.<String, Object>builder().build();
		long empty = cache.getByteSize();
		cache.put("small", new byte[10]);
		long small = cache.getByteSize() - empty;
		cache.put("large", new byte[100_000]);
		assertThat(cache.getByteSize() - empty - small).isGreaterThan(100_000);
	}

	@Test
	void defaultSizer_valueItCannotWalk_isStillCached() {
		FaasCache<String, Object> cache = FaasCache.<String, Object>builder().build();
		Map<String, String> sorted = new TreeMap<>(Comparator.comparing(String::length));
		sorted.put("x", "y");
		cache.put("sorted", sorted);
		assertThat(cache.get("sorted")).isSameAs(sorted);
	}

	@Test
	void maxSize_smallerThanStructure_isRejectedNamingValue() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> FaasCache.builder().maxSize(16).build())
			.withMessageContaining("16");
	}

}
