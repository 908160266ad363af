/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.faascache.FaasCache;
import dev.faascache.Sizer;
import org.github.jamm.MemoryMeter;

import org.springframework.cache.concurrent.ConcurrentMapCache;

/**
 * The caches compared, each built with the same bounds: what users pick instead of FaasCache
 * (Caffeine, bounded by entries or by bytes, and a synchronized {@link LinkedHashMap} in access
 * order), what Spring uses when no provider is configured ({@link ConcurrentMapCache}, unbounded),
 * and the physical limit of a concurrent map ({@link ConcurrentHashMap}, unbounded).
 * <p>
 * Caffeine runs twice over: with its default executor, which moves its maintenance to the
 * {@code ForkJoinPool} and so to another core when there is one, and with
 * {@code executor(Runnable::run)}, which does that work on the caller's thread as FaasCache does.
 * Bounded by bytes, Caffeine weighs with the same {@link Sizer#deep()} FaasCache uses, so that
 * only the caches differ. A byte budget does not buy the same number of entries in both: FaasCache
 * charges its own nodes and tables against it, a weigher only the key and the value; the reports
 * give the entries each peer holds.
 */
public enum Peer {

	/**
	 * FaasCache bounded by item count only, as Caffeine's {@code maximumSize}, with a constant
	 * sizer, so that only the cache's own work is measured.
	 */
	FAAS_CACHE("FaasCache (maxItems)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(FaasCache.builder().maxItems(bounds.maxItems()).sizer(CONSTANT_SIZER).build());
		}
	},

	/**
	 * FaasCache bounded by item count only, every entry measured by the default deep sizer: what
	 * {@code FaasCache.builder().maxItems(n).build()} gives, to compare with Caffeine's
	 * {@code maximumSize} as a user would.
	 */
	FAAS_CACHE_MEASURED("FaasCache (maxItems, default sizer)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(FaasCache.builder().maxItems(bounds.maxItems()).build());
		}
	},

	/**
	 * FaasCache as users run it: every entry measured by the default deep sizer, bounded by bytes,
	 * item count and time to live.
	 */
	FAAS_CACHE_BYTES("FaasCache (maxSize + maxItems + TTL)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(FaasCache.builder()
				.maxSize(bounds.maxBytes())
				.maxItems(bounds.maxItems())
				.defaultTtl(TTL)
				.build());
		}
	},

	/** Caffeine bounded by entry count, maintained on its default executor. */
	CAFFEINE("Caffeine (maximumSize)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(Caffeine.newBuilder().maximumSize(bounds.maxItems()).build());
		}
	},

	/** Caffeine bounded by entry count, maintained on the caller's thread. */
	CAFFEINE_SAME_THREAD("Caffeine (maximumSize, same-thread executor)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(Caffeine.newBuilder().maximumSize(bounds.maxItems()).executor(Runnable::run).build());
		}
	},

	/**
	 * Caffeine bounded by bytes and time like FaasCache: {@code maximumWeight} with a weigher that
	 * measures key and value with {@link Sizer#deep()}, and {@code expireAfterWrite}; its default
	 * executor.
	 */
	CAFFEINE_BYTES("Caffeine (deep-sizer weigher + expireAfterWrite)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(byWeight(bounds, Sizer.deep()).expireAfterWrite(TTL).build());
		}
	},

	/** {@link #CAFFEINE_BYTES} maintained on the caller's thread. */
	CAFFEINE_BYTES_SAME_THREAD("Caffeine (deep-sizer weigher + expireAfterWrite, same-thread executor)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(byWeight(bounds, Sizer.deep()).expireAfterWrite(TTL).executor(Runnable::run).build());
		}
	},

	/**
	 * Caffeine bounded by bytes with a weigher written on jamm's {@code measureDeep}, and a
	 * variable expiry: what a Caffeine user without the deep sizer would write. It measures jamm
	 * more than Caffeine.
	 */
	CAFFEINE_JAMM("Caffeine (jamm weigher + variable expiry)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(byWeight(bounds, JAMM).expireAfter(new FixedExpiry()).build());
		}
	},

	/** The classic LRU map: a {@link LinkedHashMap} in access order behind one lock. */
	SYNCHRONIZED_LRU("synchronized LinkedHashMap") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(Collections.synchronizedMap(lruMap(bounds.maxItems())));
		}
	},

	/** Spring's default cache: a {@link ConcurrentHashMap} behind the {@code Cache} API, unbounded. */
	SPRING_CONCURRENT_MAP("Spring ConcurrentMapCache (unbounded)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			ConcurrentMapCache cache = new ConcurrentMapCache("benchmark", false);
			return new BenchmarkCache() {

				@Override
				public Object get(Object key) {
					org.springframework.cache.Cache.ValueWrapper wrapper = cache.get(key);
					return (wrapper != null) ? wrapper.get() : null;
				}

				@Override
				public void put(Object key, Object value) {
					cache.put(key, value);
				}

				@Override
				public long entries() {
					return cache.getNativeCache().size();
				}

			};
		}
	},

	/** The physical limit: a plain {@link ConcurrentHashMap}, unbounded. */
	CONCURRENT_HASH_MAP("ConcurrentHashMap (unbounded)") {
		@Override
		BenchmarkCache create(Bounds bounds) {
			return adapt(new ConcurrentHashMap<>());
		}
	};

	/** Time to live of the caches bounded by time: longer than any benchmark runs. */
	static final Duration TTL = Duration.ofHours(1);

	private final String label;

	Peer(String label) {
		this.label = label;
	}

	/**
	 * Return the name of this peer in reports.
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Return the FaasCache peer bounded as this one is: by bytes and time for the peers that
	 * weigh, by entries for the others.
	 */
	Peer faasCounterpart() {
		return (this == FAAS_CACHE_BYTES || this == CAFFEINE_BYTES || this == CAFFEINE_BYTES_SAME_THREAD
				|| this == CAFFEINE_JAMM) ? FAAS_CACHE_BYTES : FAAS_CACHE;
	}

	/**
	 * Create an empty cache of this peer with the given bounds.
	 */
	abstract BenchmarkCache create(Bounds bounds);

	/**
	 * Return a {@link LinkedHashMap} in access order that drops its eldest entry beyond the given
	 * number of entries, not thread-safe.
	 */
	static <K, V> Map<K, V> lruMap(long maxItems) {
		return new LinkedHashMap<>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
				return size() > maxItems;
			}

		};
	}

	private static Caffeine<Object, Object> byWeight(Bounds bounds, Sizer sizer) {
		return Caffeine.newBuilder()
			.maximumWeight(bounds.maxBytes())
			.weigher((key, value) -> (int) Math.min(Integer.MAX_VALUE, sizer.sizeOf(key) + sizer.sizeOf(value)));
	}

	private static BenchmarkCache adapt(Map<Object, Object> map) {
		return new BenchmarkCache() {

			@Override
			public Object get(Object key) {
				return map.get(key);
			}

			@Override
			public void put(Object key, Object value) {
				map.put(key, value);
			}

			@Override
			public long entries() {
				return map.size();
			}

		};
	}

	private static BenchmarkCache adapt(Cache<Object, Object> cache) {
		return new BenchmarkCache() {

			@Override
			public Object get(Object key) {
				return cache.getIfPresent(key);
			}

			@Override
			public void put(Object key, Object value) {
				cache.put(key, value);
			}

			@Override
			public long entries() {
				// the pending maintenance first, or entries written but not yet evicted are counted
				cache.cleanUp();
				return cache.estimatedSize();
			}

		};
	}

	/**
	 * The operations every benchmark uses.
	 */
	interface BenchmarkCache {

		Object get(Object key);

		void put(Object key, Object value);

		/**
		 * Return the entries held once pending maintenance is done.
		 */
		long entries();

	}

	/**
	 * Bounds shared by every peer of a benchmark; the unbounded peers ignore them.
	 * @param maxItems the most entries
	 * @param maxBytes the byte budget of the caches bounded by bytes
	 */
	record Bounds(long maxItems, long maxBytes) {
	}

	/** A sizer that measures nothing, for benchmarks of the cache's own cost. */
	static final Sizer CONSTANT_SIZER = new Sizer() {

		@Override
		public long sizeOf(Object object) {
			return 64;
		}

		@Override
		public String toString() {
			return "constant";
		}

	};

	/** A variable expiry that gives every entry the same time to live on creation and update. */
	private static final class FixedExpiry implements Expiry<Object, Object> {

		@Override
		public long expireAfterCreate(Object key, Object value, long currentTime) {
			return TTL.toNanos();
		}

		@Override
		public long expireAfterUpdate(Object key, Object value, long currentTime, long currentDuration) {
			return TTL.toNanos();
		}

		@Override
		public long expireAfterRead(Object key, Object value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

	/** Jamm's own deep measurement, the way a Caffeine user would write a weigher. */
	static final Sizer JAMM = new Sizer() {

		private final MemoryMeter meter = MemoryMeter.builder().build();

		@Override
		public long sizeOf(Object object) {
			return this.meter.measureDeep(object);
		}

		@Override
		public String toString() {
			return "jamm";
		}

	};

}
