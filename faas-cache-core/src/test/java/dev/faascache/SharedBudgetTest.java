/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Several caches competing for one {@link SharedBudget}.
 */
class SharedBudgetTest {

	private static final long OBJECT_BYTES = 100;

	private static final long ENTRY_BYTES = 2 * OBJECT_BYTES + Layout.NODE_OVERHEAD;

	private final List<String> removals = new ArrayList<>();

	private FaasCache<String, String> member(String name, SharedBudget budget) {
		return FaasCache.<String, String>builder()
			.sizer((object) -> OBJECT_BYTES)
			.sharedBudget(budget)
			.removalListener((key, value, cause) -> this.removals.add(name + ":" + key + ":" + cause))
			.build();
	}

	private static long structureBytes() {
		return FaasCache.<String, String>builder().sizer((object) -> OBJECT_BYTES).build().getByteSize();
	}

	@Test
	void evictsLeastRecentlyUsedAcrossCaches() {
		SharedBudget budget = SharedBudget.of(3 * (structureBytes() + Layout.tableBytes(2)) + 4 * ENTRY_BYTES);
		FaasCache<String, String> products = member("products", budget);
		FaasCache<String, String> users = member("users", budget);
		FaasCache<String, String> orders = member("orders", budget);
		products.put("p1", "1");
		users.put("u1", "1");
		orders.put("o1", "1");
		products.put("p2", "2");
		products.get("p1");
		users.put("u2", "2");
		assertThat(this.removals).containsExactly("users:u1:SIZE");
		orders.put("o2", "2");
		assertThat(this.removals).containsExactly("users:u1:SIZE", "orders:o1:SIZE");
		assertThat(budget.getByteSize()).isLessThanOrEqualTo(budget.getMaxSize().toBytes())
			.isEqualTo(products.getByteSize() + users.getByteSize() + orders.getByteSize());
		assertThat(products).containsOnlyKeys("p1", "p2");
	}

	@Test
	void perCacheBoundsStillApply() {
		SharedBudget budget = SharedBudget.of("1M");
		FaasCache<String, String> small = FaasCache.<String, String>builder()
			.sizer((object) -> OBJECT_BYTES)
			.sharedBudget(budget)
			.maxItems(1)
			.build();
		small.put("a", "1");
		small.put("b", "2");
		assertThat(small).containsOnlyKeys("b");
		assertThat(budget.getByteSize()).isEqualTo(small.getByteSize());
	}

	@Test
	void removalsReleaseSharedBytes() {
		SharedBudget budget = SharedBudget.of("1M");
		FaasCache<String, String> cache = member("c", budget);
		long empty = budget.getByteSize();
		cache.put("a", "1");
		assertThat(budget.getByteSize()).isEqualTo(empty + Layout.tableBytes(1) + ENTRY_BYTES);
		cache.clear();
		assertThat(budget.getByteSize()).as("the hash table does not shrink").isEqualTo(empty + Layout.tableBytes(1));
	}

	@Test
	void entryLargerThanSharedBudget_isRefusedAndNothingEvicted() {
		SharedBudget budget = SharedBudget.of(2 * structureBytes() + 3 * ENTRY_BYTES);
		FaasCache<String, String> first = member("first", budget);
		FaasCache<String, Object> second = FaasCache.<String, Object>builder()
			.sizer((object) -> (object instanceof long[] array) ? array.length : OBJECT_BYTES)
			.sharedBudget(budget)
			.build();
		first.put("a", "1");
		assertThatExceptionOfType(EntryTooLargeException.class)
			.isThrownBy(() -> second.put("huge", new long[(int) budget.getMaxSize().toBytes()]));
		assertThat(first).containsOnlyKeys("a");
		assertThat(this.removals).isEmpty();
	}

	@Test
	void of_malformedSize_namesValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> SharedBudget.of("12X")).withMessageContaining("'12X'");
		assertThatIllegalArgumentException().isThrownBy(() -> SharedBudget.of(0)).withMessageContaining("0");
	}

	@Test
	void register_budgetTooSmallForAnotherCache_isRefused() {
		SharedBudget budget = SharedBudget.of(structureBytes() + 1);
		member("first", budget);
		assertThatIllegalArgumentException().isThrownBy(() -> member("second", budget))
			.withMessageContaining("no room left");
	}

	@Test
	void byteSize_percentOfHeap_resolvesOnceAgainstMaxHeap() {
		ByteSize quarter = ByteSize.parse("25%", 1024 * 1024);
		assertThat(quarter.toBytes()).isEqualTo(256 * 1024);
		assertThat(quarter).hasToString("25% of heap = 262144 bytes");
		assertThat(ByteSize.parse("12.5%", 800).toBytes()).isEqualTo(100);
		assertThat(ByteSize.parse("100%").toBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
	}

	@Test
	void byteSize_badPercent_isRejectedNamingValue() {
		for (String bad : List.of("0%", "150%", "abc%", "-5%", "%", "0.0000000001%")) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> ByteSize.parse(bad, 1024))
				.withMessageContaining("'" + bad + "'");
		}
	}

	@Test
	void maxSize_percent_showsResolvedBytes() {
		FaasCache<String, String> cache = FaasCache.<String, String>builder().maxSize("10%").build();
		long expected = Runtime.getRuntime().maxMemory() / 10;
		assertThat(cache.getMaxSize()).map(ByteSize::toBytes).contains(expected);
		assertThat(cache.toString()).contains("maxSize=10% of heap = " + expected + " bytes");
	}

}
