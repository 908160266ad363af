/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.junit.runner.RunWith;
import org.junit.runners.AllTests;

/**
 * Guava testlib's {@link java.util.concurrent.ConcurrentMap} contract, run against
 * {@link FaasCache} as users build it: unbounded, and bounded by items, bytes and a default time
 * to live that are generous enough never to evict during a test, so that the bookkeeping of
 * every bound runs on each operation without changing what the map contains.
 */
@RunWith(AllTests.class)
public final class FaasCacheMapContractTests {

	private FaasCacheMapContractTests() {
	}

	public static Test suite() {
		TestSuite suite = new TestSuite(FaasCacheMapContractTests.class.getSimpleName());
		suite.addTest(suiteFor("unbounded", () -> FaasCache.<String, String>builder().build()));
		suite.addTest(suiteFor("bounded", () -> FaasCache.<String, String>builder()
			.maxItems(1_000)
			.maxSize("16M")
			.defaultTtl(Duration.ofMinutes(5))
			.ticker(new FakeTicker())
			.build()));
		return suite;
	}

	private static Test suiteFor(String name, Supplier<FaasCache<String, String>> caches) {
		return ConcurrentMapTestSuiteBuilder.using(new TestStringMapGenerator() {
			@Override
			protected Map<String, String> create(Map.Entry<String, String>[] entries) {
				FaasCache<String, String> cache = caches.get();
				for (Map.Entry<String, String> entry : entries) {
					cache.put(entry.getKey(), entry.getValue());
				}
				return cache;
			}
		})
			.named(name)
			.withFeatures(MapFeature.GENERAL_PURPOSE, CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
					CollectionFeature.NON_STANDARD_TOSTRING, CollectionSize.ANY)
			.createTestSuite();
	}

}
