/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * A thread-safe, in-memory {@link ConcurrentMap} bounded by bytes of heap, by item count and by
 * time to live, that evicts the least recently used entry first. Made for functions that run in
 * small, short-lived containers (AWS Lambda and other FaaS runtimes): it never starts a thread,
 * and never grows past its byte budget.
 * <pre class="code">
 * FaasCache&lt;String, Product&gt; cache = FaasCache.&lt;String, Product&gt;builder()
 *         .maxSize("128M")
 *         .maxItems(10_000)
 *         .defaultTtl(Duration.ofSeconds(60))
 *         .build();
 * </pre>
 * <h2>Design</h2>
 * Entries live in a hash table of the cache's own, a {@link NodeTable} that only the holder of
 * the eviction lock writes and any thread reads without a lock: a read looks the key up, checks
 * the deadline against the {@link Ticker}, and records the access in a striped, lossy
 * {@link ReadBuffer}. Writes are serialised by the eviction lock, under which the table, the access-order
 * list, the {@link TimerWheel} of deadlines and the byte and item totals are updated and
 * recorded reads are replayed, oldest first, before the least recently used entries are evicted.
 * Because each write evicts before it returns, the bounds hold after every operation, not
 * eventually. Expiry and eviction are done on the caller's thread, amortised over writes (and over
 * reads whose buffer fills); {@link #cleanUp()} runs them on demand. Removal listeners run after
 * the lock is released. In single-threaded use the LRU order is exact; under concurrent reads it
 * is sampled (see {@link ReadBuffer}). A write that evicts removes its victims before it stores
 * its own entry, so that no bound is exceeded even under the lock; a read that finds no live entry
 * while such a write is under way waits for it and looks again, so that no read sees the cache
 * between the two steps and every call is linearizable. Only the reads of the key being stored
 * wait when the write evicts a single entry, as a write at capacity does: every other key reads
 * the same before and after it. Writes that evict several entries, {@link #clear()}, a resize
 * and a shared budget's evictions make every miss wait. Once an entry has been given a deadline,
 * a call on a key also marks the key before it reads the clock, and a read that hits the key
 * waits for the call: a read that has seen the clock move (a {@link Ticker} advanced by another
 * thread) cannot then see the key as it was before a call that took the earlier time. A read of
 * a write's victim does not wait for it, so that window remains for the victim alone.
 * <p>
 * What a write costs, measured (see the project's {@code docs/benchmarks.md}): at capacity, a
 * put looks its key up, unlinks the victim and links its own node, and since every write holds
 * the lock, none of the three needs an atomic instruction, as a {@link ConcurrentHashMap}'s
 * would (a compare-and-set or a monitor for the bin, another for its size). The table is written
 * with plain stores, and with release semantics where a reader could be following the link;
 * the access order moves {@code int}s; the totals and counters are plain fields published with
 * release semantics; the only fences are the lock's. That is the work of a synchronized
 * {@code LinkedHashMap}, plus the orderings that let reads go without a lock. The fields that
 * every write changes and those that every read follows lie on different cache lines (see the
 * comment on the fields), and once there is a read buffer, the hits it does not record and the
 * misses are counted in its stripes, so that a write does not take from the readers' cores the
 * lines their next read needs.
 * <p>
 * Writers from several threads queue for the lock, and the data a write changes moves with the
 * lock from one core to the other. Handing the writes of a thread that finds the lock held to the
 * holder, which applies them before it releases it, was measured and not kept: with two writing
 * threads it was slower, since the holder changed as often as the lock came free between two
 * writes (see {@code docs/benchmarks.md}).
 * <p>
 * This is Caffeine's design (a map read without locks, reads recorded in striped buffers and replayed
 * under a try-lock) without its executor: Caffeine drains its buffers on another thread and lets
 * writers return before the bounds hold, while this cache, which must start no thread and never
 * exceed its byte budget, does both on the caller's thread.
 * <h2>Sizes</h2>
 * Each entry is measured once, when it is written: the deep size of its key and value, by the
 * {@link Sizer}, plus the fixed overhead of its node. {@link #getByteSize()} is the running total
 * plus the cache's own structure; nothing is ever re-measured. An entry larger than the whole
 * budget is refused with {@link EntryTooLargeException}. The structure starts under 512 bytes
 * and grows only as the cache is used, each part accounted as it is made: the tables with the
 * most entries held, the timer wheel for the first entry with a deadline, and the read buffer
 * once reads contend for the lock, if the budget is at least 16 times its size and has room
 * for it (until then a read reorders its entry itself under a try-lock).
 * <h2>Time to live</h2>
 * Every write of a value ({@code put}, {@code putIfAbsent}, {@code replace}, {@code compute*},
 * {@code merge}) starts the entry's time to live afresh: from the TTL given to
 * {@link #put(Object, Object, Duration)}, or else from the default TTL at that moment. Reads do
 * not extend it. {@link #setTtl} and {@link #expireAt} change the deadline of a live entry.
 * <h2 id="functions">Functions</h2>
 * Functions passed to {@code compute}, {@code computeIfAbsent}, {@code computeIfPresent} and
 * {@code merge} run on the caller's thread outside the eviction lock and outside a shared
 * budget's lock, so {@code cache.computeIfAbsent(id, this::loadFromDatabase)} delays no other
 * key. Each key is computed by one function at a time, as a {@link ConcurrentHashMap} does per
 * key but without its bin locks: a function registers its key under the lock, together with the
 * value it is given, and its result is stored under the lock when it returns, with its time to
 * live counted from then. Meanwhile, other threads that compute the key, or {@code put},
 * {@code putIfAbsent}, {@code replace} or {@code remove} it, wait for the function and then see
 * its result; reads do not wait, and see the value from before. Keys that share a bin of the
 * table, or a resize of it, are not held up. While no function runs, a write pays one volatile
 * read for this.
 * <ul>
 * <li>A function may read and write other keys, of this cache or of caches that share its
 * budget. It may write its own key too: {@code computeIfAbsent} then keeps and returns the value
 * it stored, and the others replace what the key holds when the function returns. Two functions
 * that each write the key the other computes wait for each other forever, as they would in a
 * {@code ConcurrentHashMap}.</li>
 * <li>A function that computes its own key again, directly or through other functions on its
 * thread, fails with {@link IllegalStateException} instead of waiting for itself.</li>
 * <li>A function that throws (an exception or an {@link Error}) leaves the cache as it was: the
 * exception reaches its caller, and threads waiting for the key go on, each computing the key
 * itself if it still must. A {@code null} result stores nothing, or removes the entry. A result
 * larger than the budget is refused with {@link EntryTooLargeException}, an old value kept.</li>
 * <li>{@code computeIfAbsent} counts one miss for the function it runs, and a hit for each
 * caller that gets a value without running its own.</li>
 * <li>{@link #clear()} does not wait for functions: one that runs across it returns its result
 * without storing it, as if it had completed just before the cache was cleared (a removal
 * listener hears of it as cleared), so that no value computed before a {@code clear} is cached
 * after it, other than one the function stores itself.</li>
 * <li>The entry a function of {@code compute}, {@code computeIfPresent} or {@code merge} was
 * given may expire or be evicted while it runs (or be removed by {@link #pollColdest()}); the
 * function is then called again with what the key holds now, nothing, as {@link ConcurrentMap}'s
 * default methods may call it again, so that a result never replaces a value other than the one
 * it was computed from and every call stays linearizable. {@code computeIfAbsent} calls its
 * function at most once.</li>
 * </ul>
 * <b>Note:</b> values are measured when written; mutating a cached value afterwards is not seen.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class FaasCache<K, V> extends AbstractMap<K, V> implements ConcurrentMap<K, V> {

	private static final System.Logger logger = System.getLogger(FaasCache.class.getName());

	private static final VarHandle ENTRY_BYTES = field("entryBytes");

	private static final VarHandle ENTRY_COUNT = field("entryCount");

	private static final VarHandle TABLE_BYTES = field("tableBytes");

	private static final VarHandle RESTRUCTURING = field("restructuring", Object.class);

	/** The read buffer is made only for a budget at least this many times its size. */
	private static final int READ_BUFFER_SHARE = 16;

	/** Stands in {@link #restructuring} for a change that concerns any key. */
	private static final Object EVERY_KEY = new Object();

	/** How often a thread spins on the held eviction lock before parking. */
	private static final int LOCK_SPINS = (Runtime.getRuntime().availableProcessors() > 1) ? 512 : 0;

	// The order of the fields is chosen for the processor's caches. HotSpot places fields of one
	// kind in the order declared: on JDK 17 the longs first and the references after them, on
	// JDK 25 the references first. The totals every write changes are the first longs and the
	// references every read follows (the table, then the read buffer) the first references, and the
	// restructuring flag, which every write that evicts sets, the last reference: that keeps at
	// least 64 bytes, a cache line, between what writes change and what reads follow on both. On
	// one line, each write would take from the readers' caches the line every read needs.

	/**
	 * Bytes of all entries held. Written under the lock, with release semantics rather than as
	 * a volatile write, which would fence every write; read without the lock.
	 */
	private volatile long entryBytes;

	/** Entries held, including expired ones not yet removed; written like {@link #entryBytes}. */
	private volatile long entryCount;

	/** Whether a read found the lock held while there was no read buffer. */
	private volatile boolean readContended;

	/**
	 * Whether an entry was ever given a deadline: from then on, a call on one key marks the key
	 * as {@linkplain #restructuring restructuring} before it reads the clock, and a read that
	 * hits the key waits for the call. Set once, under the lock.
	 */
	private volatile boolean timed;

	/** Bytes of the cache's own structure, which grows as parts are first needed; written under the lock. */
	private volatile long structureBytes;

	private volatile long maxBytes;

	private volatile long maxItems;

	/** The most entries ever held, which sized the hash table; guarded by the lock. */
	private long peakCount;

	/** Bytes of the tables, which grow with the peak count and never shrink; written like {@link #entryBytes}. */
	private volatile long tableBytes;

	/**
	 * The most unseen time {@link #advanceTime} counts: 146 years, half the range of the cache's
	 * clock, so that entries written afterwards still get deadlines that are not saturated and
	 * expire on time, while every entry given a time to live shorter than that expires.
	 */
	private static final long MAX_SKIPPED_NANOS = Long.MAX_VALUE >>> 1;

	private final long origin;

	/** Time the ticker did not count (see {@link #advanceTime}), in nanoseconds. */
	private volatile long skippedNanos;

	private final NodeTable<K, V> table = new NodeTable<>();

	/**
	 * Recorded reads, or {@code null} until reads contend for the lock: a read then reorders the
	 * entry itself under a try-lock, so that a cache read by one thread at a time, or too small to
	 * spare the buffer's kilobyte, never spends it. Set under the lock.
	 */
	private volatile ReadBuffer<K, V> readBuffer;

	private final Ticker ticker;

	private final StatsCounter stats = new StatsCounter();

	private final ReentrantLock evictionLock = new ReentrantLock();

	private final AccessOrder<K, V> accessOrder;

	private final TimerWheel<K, V> timerWheel = new TimerWheel<>();

	private final Clock clock;

	private final Sizer sizer;

	private final RemovalListener<? super K, ? super V> removalListener;

	private final SharedBudget budget;

	private volatile ByteSize maxSize;

	private volatile Duration defaultTtl;

	/**
	 * Functions running for keys, outside the lock, by key; changed under the lock, and
	 * {@code null} while none runs, so that a write pays one volatile read to find none, a removal
	 * of an absent key returns without the lock, and an idle cache holds no table for them.
	 */
	private volatile Map<Object, Computation<K, V>> computations;

	/** Removals to report once the lock is released; guarded by the lock. */
	private List<Removal<K, V>> pendingRemovals;

	private Set<K> keySet;

	private Collection<V> values;

	/**
	 * What the holder of the lock is changing in a way it has not finished, or {@code null}: a
	 * write that evicts removes its victims before it stores its own entry (so that no bound is
	 * ever exceeded), and {@code clear} removes one entry after another. It is the key being
	 * stored when the write evicts a single entry, or {@link #EVERY_KEY}. Set under the lock,
	 * cleared when it is released; read by the lock-free reads that find no live entry, and once
	 * entries have deadlines, by those that hit one too (see {@link #maintain(boolean, Object)}),
	 * when it is also the key of any call that reads the clock. Written
	 * with release semantics, not as a volatile write, which would fence the write twice more:
	 * a read that sees a victim gone has acquired the table's release of it, which follows the
	 * flag's.
	 */
	private volatile Object restructuring;

	private FaasCache(Builder<K, V> builder) {
		this.ticker = (builder.ticker != null) ? builder.ticker : Ticker.systemTicker();
		this.origin = this.ticker.read();
		this.clock = (builder.clock != null) ? builder.clock : Clock.systemUTC();
		this.sizer = (builder.sizer != null) ? builder.sizer : Sizer.deep();
		this.removalListener = builder.removalListener;
		this.budget = builder.budget;
		this.accessOrder = new AccessOrder<>(builder.budget);
		this.maxSize = builder.maxSize;
		this.maxBytes = (builder.maxSize != null) ? builder.maxSize.toBytes() : Long.MAX_VALUE;
		this.maxItems = (builder.maxItems != null) ? builder.maxItems : Long.MAX_VALUE;
		this.defaultTtl = builder.defaultTtl;
		// The map is measured shallow: its table is made on the first write and accounted with the
		// tables, and it never makes the views that a model of a map would count from JDK 24
		this.structureBytes = Layout.measure(this) + Layout.measure(this.accessOrder) + Layout.measure(this.table)
				+ Layout.measureDeep(this.evictionLock, this.timerWheel, this.stats);
		if (builder.maxSize != null) {
			requireRoomForEntries(builder.maxSize);
		}
		if (this.budget != null) {
			this.budget.register(this, this.structureBytes);
		}
	}

	private static VarHandle field(String name) {
		return field(name, long.class);
	}

	private static VarHandle field(String name, Class<?> type) {
		try {
			return MethodHandles.lookup().findVarHandle(FaasCache.class, name, type);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * Return a new builder.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @return a builder with no bounds set
	 */
	public static <K, V> Builder<K, V> builder() {
		return new Builder<>();
	}

	// Reads

	@Override
	public V get(Object key) {
		Node<K, V> node = lookup(Objects.requireNonNull(key, "key must not be null"));
		if (node == null) {
			ReadBuffer<K, V> buffer = this.readBuffer;
			if (buffer != null) {
				buffer.countMiss();
			}
			else {
				this.stats.recordMiss();
			}
			return null;
		}
		afterRead(node);
		return node.value;
	}

	@Override
	public V getOrDefault(Object key, V defaultValue) {
		V value = get(key);
		return (value != null) ? value : defaultValue;
	}

	/**
	 * Return whether a live entry exists for the key. Does not count as a use of the entry: the
	 * LRU order and the statistics are unchanged.
	 */
	@Override
	public boolean containsKey(Object key) {
		return lookup(Objects.requireNonNull(key, "key must not be null")) != null;
	}

	@Override
	public boolean containsValue(Object value) {
		Objects.requireNonNull(value, "value must not be null");
		Iterator<Node<K, V>> nodes = liveNodes();
		while (nodes.hasNext()) {
			if (value.equals(nodes.next().value)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the number of live entries. Expired entries are removed first, so they are never
	 * counted.
	 */
	@Override
	public int size() {
		lock();
		try {
			maintain(false);
			return (int) Math.min(Integer.MAX_VALUE, this.entryCount);
		}
		finally {
			unlockAndNotify();
		}
	}

	@Override
	public boolean isEmpty() {
		return size() == 0;
	}

	// Writes

	/**
	 * Store a value with the default time to live, replacing any value for the key.
	 * @throws NullPointerException if the key or value is {@code null}
	 * @throws EntryTooLargeException if the entry alone exceeds the byte budget; a value already
	 * cached for the key is kept
	 */
	@Override
	public V put(K key, V value) {
		return put(key, value, this.defaultTtl);
	}

	/**
	 * Store a value with its own time to live, replacing any value for the key.
	 * @param key the key
	 * @param value the value
	 * @param ttl how long the entry lives, or {@code null} for no expiry
	 * @return the previous live value for the key, or {@code null}
	 * @throws NullPointerException if the key or value is {@code null}
	 * @throws IllegalArgumentException if the time to live is zero or negative
	 * @throws EntryTooLargeException if the entry alone exceeds the byte budget; a value already
	 * cached for the key is kept
	 */
	public V put(K key, V value, Duration ttl) {
		Checks.requireValidTtl(ttl, "ttl");
		return write(key, value, ttl, false);
	}

	/**
	 * Store a value with the default time to live unless a live value exists for the key, in
	 * which case that value is returned and counts as used.
	 * @throws NullPointerException if the key or value is {@code null}
	 * @throws EntryTooLargeException if there is no live value and the entry alone exceeds the
	 * byte budget
	 */
	@Override
	public V putIfAbsent(K key, V value) {
		return write(key, value, this.defaultTtl, true);
	}

	private V write(K key, V value, Duration ttl, boolean onlyIfAbsent) {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(value, "value must not be null");
		long weight = weigh(key, value);
		lockKey(key, true);
		try {
			long now = maintain(ttl != null, key);
			Node<K, V> old = liveNode(key, now);
			if (old != null && onlyIfAbsent) {
				this.accessOrder.moveToLast(old);
				return old.value;
			}
			install(key, value, weight, deadline(ttl, now), old);
			return (old != null) ? old.value : null;
		}
		finally {
			unlockWriteAndNotify();
		}
	}

	@Override
	public V remove(Object key) {
		Objects.requireNonNull(key, "key must not be null");
		if (lookup(key) == null && this.computations == null) {
			return null;
		}
		lockKey(key, false);
		try {
			Node<K, V> node = liveNode(key, maintain(false, key));
			if (node == null) {
				return null;
			}
			removeNode(node, RemovalCause.EXPLICIT);
			return node.value;
		}
		finally {
			unlockAndNotify();
		}
	}

	@Override
	public boolean remove(Object key, Object value) {
		Objects.requireNonNull(key, "key must not be null");
		if (value == null) {
			return false;
		}
		lockKey(key, false);
		try {
			Node<K, V> node = liveNode(key, maintain(false, key));
			if (node == null || !value.equals(node.value)) {
				return false;
			}
			removeNode(node, RemovalCause.EXPLICIT);
			return true;
		}
		finally {
			unlockAndNotify();
		}
	}

	@Override
	public V replace(K key, V value) {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(value, "value must not be null");
		long weight = weigh(key, value);
		Duration ttl = this.defaultTtl;
		lockKey(key, true);
		try {
			long now = maintain(ttl != null, key);
			Node<K, V> old = liveNode(key, now);
			if (old == null) {
				return null;
			}
			install(key, value, weight, deadline(ttl, now), old);
			return old.value;
		}
		finally {
			unlockWriteAndNotify();
		}
	}

	@Override
	public boolean replace(K key, V oldValue, V newValue) {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(oldValue, "oldValue must not be null");
		Objects.requireNonNull(newValue, "newValue must not be null");
		long weight = weigh(key, newValue);
		Duration ttl = this.defaultTtl;
		lockKey(key, true);
		try {
			long now = maintain(ttl != null, key);
			Node<K, V> old = liveNode(key, now);
			if (old == null || !oldValue.equals(old.value)) {
				return false;
			}
			install(key, newValue, weight, deadline(ttl, now), old);
			return true;
		}
		finally {
			unlockWriteAndNotify();
		}
	}

	/**
	 * Return the live value for the key, counting it as used; otherwise compute one, store it
	 * with the default time to live and return it. The function runs outside the cache's locks,
	 * at most once per call, and is not called when a live value exists; while it runs, other
	 * threads that compute or write the same key wait for it, and then see its result (see
	 * <a href="#functions">Functions</a>). A value the function stores for the key itself is
	 * kept and returned in place of its result.
	 * @return the live or computed value, or {@code null} if the function returned {@code null}
	 * @throws NullPointerException if the key or function is {@code null}
	 * @throws IllegalStateException if the function, or another it calls on the same thread,
	 * computes the same key again
	 * @throws EntryTooLargeException if the computed entry alone exceeds the byte budget; nothing
	 * is cached
	 */
	@Override
	public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(mappingFunction, "mappingFunction must not be null");
		while (true) {
			Node<K, V> node = this.table.get(key);
			if (node != null && isLive(node) && !isBeingWritten(key)) {
				afterRead(node);
				return node.value;
			}
			Computation<K, V> computation = claim(key);
			if (computation == null) {
				continue;
			}
			try {
				if (computation.start() != null) {
					// Stored since the first look: released unused, and read as a hit on the next
					continue;
				}
				this.stats.recordMiss();
				return complete(computation, mappingFunction.apply(key), true);
			}
			finally {
				release(computation);
			}
		}
	}

	/**
	 * Compute a new value from the live value for the key, if there is one, outside the cache's
	 * locks (see <a href="#functions">Functions</a>); store it with the default time to live, or
	 * remove the entry if the function returns {@code null}. The function is not called again
	 * if the entry it was given expires or is evicted while it runs: the key is then absent.
	 * @throws NullPointerException if the key or function is {@code null}
	 * @throws IllegalStateException if the function, or another it calls on the same thread,
	 * computes the same key again
	 * @throws EntryTooLargeException if the new entry alone exceeds the byte budget; the old
	 * value is kept
	 */
	@Override
	public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(remappingFunction, "remappingFunction must not be null");
		if (peekLiveNode(key) == null && this.computations == null) {
			return null;
		}
		return remap(key, (k, old) -> (old != null) ? remappingFunction.apply(k, old) : null);
	}

	/**
	 * Compute a value from the live value for the key, or from {@code null}, outside the cache's
	 * locks (see <a href="#functions">Functions</a>); store it with the default time to live, or
	 * remove the entry if the function returns {@code null}. The function is called again, with
	 * {@code null}, if the entry it was given expires or is evicted while it runs.
	 * @throws NullPointerException if the key or function is {@code null}
	 * @throws IllegalStateException if the function, or another it calls on the same thread,
	 * computes the same key again
	 * @throws EntryTooLargeException if the new entry alone exceeds the byte budget; an old value
	 * is kept
	 */
	@Override
	public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
		Objects.requireNonNull(remappingFunction, "remappingFunction must not be null");
		return remap(key, remappingFunction);
	}

	/**
	 * Store the value if the key has no live value, or else the function's result from the live
	 * value and this one, computed outside the cache's locks (see
	 * <a href="#functions">Functions</a>); a {@code null} result removes the entry. If the live
	 * value expires or is evicted while the function runs, the given value is stored instead.
	 * @throws NullPointerException if the key, value or function is {@code null}
	 * @throws IllegalStateException if the function, or another it calls on the same thread,
	 * computes the same key again
	 * @throws EntryTooLargeException if the new entry alone exceeds the byte budget; an old value
	 * is kept
	 */
	@Override
	public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
		Objects.requireNonNull(value, "value must not be null");
		Objects.requireNonNull(remappingFunction, "remappingFunction must not be null");
		return remap(key, (k, old) -> (old != null) ? remappingFunction.apply(old, value) : value);
	}

	private V remap(K key, BiFunction<? super K, ? super V, ? extends V> function) {
		Objects.requireNonNull(key, "key must not be null");
		Computation<K, V> computation;
		do {
			computation = claim(key);
		}
		while (computation == null);
		try {
			V value;
			do {
				Node<K, V> start = computation.start();
				value = complete(computation, function.apply(key, (start != null) ? start.value : null), false);
			}
			while (!computation.isDone());
			return value;
		}
		finally {
			release(computation);
		}
	}

	/**
	 * Claim the key for a function this thread is about to run: register a computation for it,
	 * with the live node the function starts from, read under the same hold of the lock as the
	 * registration, so that no write can come between. Writes of the key check for it under the
	 * lock too, and wait for it.
	 * @return the computation, or {@code null} once another thread's computation of the key, which
	 * this thread waited for, has finished: the caller looks again
	 * @throws IllegalStateException if this thread is already computing the key
	 */
	private Computation<K, V> claim(K key) {
		Computation<K, V> running;
		lock();
		try {
			Map<Object, Computation<K, V>> computing = this.computations;
			running = (computing != null) ? computing.get(key) : null;
			if (running == null) {
				Computation<K, V> computation = new Computation<>(key, liveNode(key, maintain(false, key)));
				if (computing == null) {
					computing = new HashMap<>();
					this.computations = computing;
				}
				computing.put(key, computation);
				return computation;
			}
			if (running.isOwnedByCurrentThread()) {
				throw new IllegalStateException("Recursive update of key '" + key + "': the function computing"
						+ " its value asked to compute it again on the same thread, which would wait for itself forever");
			}
		}
		finally {
			unlockAndNotify();
		}
		running.await();
		return null;
	}

	/**
	 * Store the result of a computation, or remove the entry for a {@code null} result, under the
	 * lock, and finish the computation. The cache may have been cleared meanwhile: the result is
	 * then not stored, as if the computation came just before. The entry the function was given
	 * may have expired or been evicted meanwhile: the computation is then left unfinished, to start
	 * again from what the key holds now, so that a result never replaces a value other than the
	 * one it was computed from.
	 * @param ifAbsent whether a live entry the function stored itself is kept and returned
	 * @return the value the call returns, or {@code null} when the computation must start again
	 */
	private V complete(Computation<K, V> computation, V value, boolean ifAbsent) {
		K key = computation.key;
		// Measured before the lock is taken; a value the function stored itself is not measured again
		boolean storedByFunction = ifAbsent && peekLiveNode(key) != null;
		long weight = (value != null && !storedByFunction) ? weigh(key, value) : 0;
		Duration ttl = this.defaultTtl;
		boolean restart = false;
		lockForWrite();
		try {
			long now = maintain(ttl != null, key);
			Node<K, V> current = liveNode(key, now);
			if (ifAbsent && current != null) {
				this.accessOrder.moveToLast(current);
				return current.value;
			}
			if (storedByFunction) {
				// The entry the function stored was evicted since: its result came before that
				return value;
			}
			if (computation.isDiscarded()) {
				clearedOnArrival(key, value);
				return value;
			}
			if (computation.isStale(current)) {
				computation.restart(current);
				restart = true;
				return null;
			}
			if (value == null) {
				if (current != null) {
					removeNode(current, RemovalCause.EXPLICIT);
				}
				return null;
			}
			if (current != null && value == current.value) {
				this.accessOrder.moveToLast(current);
				return value;
			}
			install(key, value, weight, deadline(ttl, now), current);
			return value;
		}
		finally {
			if (!restart) {
				finish(computation);
			}
			unlockWriteAndNotify();
		}
	}

	/**
	 * Account the result of a computation that the cache was cleared across as stored and then
	 * cleared, as it would have been had it completed just before, so that a removal listener
	 * hears of every value a call reported as stored. Called under the lock.
	 */
	private void clearedOnArrival(K key, V value) {
		if (value == null) {
			return;
		}
		this.stats.recordPut();
		queueRemoval(key, value, RemovalCause.EXPLICIT);
	}

	/** Finish a computation that did not complete, its function or sizing having failed. */
	private void release(Computation<K, V> computation) {
		if (computation.isDone()) {
			return;
		}
		lock();
		try {
			finish(computation);
		}
		finally {
			unlockAndNotify();
		}
	}

	/** Unregister a computation and wake the threads waiting for its key. Called under the lock. */
	private void finish(Computation<K, V> computation) {
		Map<Object, Computation<K, V>> computing = this.computations;
		if (computing.remove(computation.key, computation) && computing.isEmpty()) {
			// Dropped when idle, so that a cache holds no table for computations between them
			this.computations = null;
		}
		computation.finish();
	}

	/**
	 * Return the computation another thread runs for the key, which a write of the key must wait
	 * for, or {@code null}. Called under the lock; costs a volatile read while nothing is
	 * computed. The thread running the function may write its own key: what it writes is what the
	 * result then replaces, or, for {@code computeIfAbsent}, what is kept.
	 */
	private Computation<K, V> computedElsewhere(Object key) {
		Map<Object, Computation<K, V>> running = this.computations;
		Computation<K, V> computation = (running != null) ? running.get(key) : null;
		if (computation != null && computation.isOwnedByCurrentThread()) {
			computation.markWritten();
			return null;
		}
		return computation;
	}

	/**
	 * Take the eviction lock for a write of the key, and with {@code mayAddBytes} a shared
	 * budget's lock first, once no other thread computes the key: a write waits for that
	 * computation, as a {@link ConcurrentHashMap} makes it wait, so that a function's result
	 * replaces exactly the value it was given.
	 */
	private void lockKey(Object key, boolean mayAddBytes) {
		while (true) {
			if (mayAddBytes) {
				lockForWrite();
			}
			else {
				lock();
			}
			Computation<K, V> running = computedElsewhere(key);
			if (running == null) {
				return;
			}
			if (mayAddBytes) {
				unlockWriteAndNotify();
			}
			else {
				unlockAndNotify();
			}
			running.await();
		}
	}

	/**
	 * Remove every entry. Each is reported to the removal listener as {@link RemovalCause#EXPLICIT}.
	 * Functions computing keys meanwhile are not waited for; their results are not stored (see
	 * <a href="#functions">Functions</a>).
	 */
	@Override
	public void clear() {
		lock();
		try {
			Map<Object, Computation<K, V>> computing = this.computations;
			if (computing != null) {
				computing.values().forEach(Computation::discard);
			}
			maintain(false);
			Node<K, V> node;
			while ((node = this.accessOrder.peekFirst()) != null) {
				markRestructuring(EVERY_KEY);
				removeNode(node, RemovalCause.EXPLICIT);
			}
		}
		finally {
			unlockAndNotify();
		}
	}

	// Views

	/**
	 * Return a view of the live keys. Expired entries never appear; removing from the view or its
	 * iterator removes the entry from the cache. Iteration is weakly consistent and does not count
	 * as use.
	 */
	@Override
	public Set<K> keySet() {
		Set<K> keys = this.keySet;
		return (keys != null) ? keys : (this.keySet = new MapViews.KeySetView<>(this));
	}

	/**
	 * Return a view of the live values, with the same behaviour as {@link #keySet()}.
	 */
	@Override
	public Collection<V> values() {
		Collection<V> vals = this.values;
		return (vals != null) ? vals : (this.values = new MapViews.ValuesView<>(this));
	}

	/**
	 * Return a view of the live entries, with the same behaviour as {@link #keySet()};
	 * {@link Entry#setValue(Object)} writes through to the cache.
	 */
	@Override
	public Set<Entry<K, V>> entrySet() {
		// Made per call rather than kept in a field, which would grow every cache by a reference
		// past its 440 bytes; the view holds nothing but the cache, and the table is read through it
		return new MapViews.EntrySetView<>(this);
	}

	/**
	 * Return an iterator over the live nodes, whose {@code remove} removes the entry from the cache.
	 */
	Iterator<Node<K, V>> liveNodes() {
		long now = now();
		Iterator<Node<K, V>> all = this.table.iterator();
		return new Iterator<>() {

			private Node<K, V> next = advance();

			private Node<K, V> last;

			private Node<K, V> advance() {
				while (all.hasNext()) {
					Node<K, V> node = all.next();
					if (!node.isExpiredAt(now)) {
						return node;
					}
				}
				return null;
			}

			@Override
			public boolean hasNext() {
				return this.next != null;
			}

			@Override
			public Node<K, V> next() {
				if (this.next == null) {
					throw new NoSuchElementException();
				}
				this.last = this.next;
				this.next = advance();
				return this.last;
			}

			@Override
			public void remove() {
				if (this.last == null) {
					throw new IllegalStateException("next() has not been called, or remove() was already called");
				}
				FaasCache.this.remove(this.last.key, this.last.value);
				this.last = null;
			}

		};
	}

	// Access order

	/**
	 * Return a snapshot of the live entries least recently used first, the next to be evicted
	 * at the head, as Caffeine's {@code policy().eviction().coldest(limit)} does. Reads
	 * recorded but not yet applied to the order are applied first; taking the snapshot does not
	 * count as use. Later changes to the cache do not show in it.
	 * @param limit the most entries to return
	 * @return an unmodifiable map that iterates from the coldest entry to the hottest
	 * @throws IllegalArgumentException if {@code limit} is negative
	 */
	public Map<K, V> coldest(int limit) {
		return snapshot(limit, true);
	}

	/**
	 * Return a snapshot of the live entries most recently used first, as Caffeine's
	 * {@code policy().eviction().hottest(limit)} does; otherwise as {@link #coldest(int)}.
	 * @param limit the most entries to return
	 * @return an unmodifiable map that iterates from the hottest entry to the coldest
	 * @throws IllegalArgumentException if {@code limit} is negative
	 */
	public Map<K, V> hottest(int limit) {
		return snapshot(limit, false);
	}

	private Map<K, V> snapshot(int limit, boolean coldestFirst) {
		Checks.requireArgument(limit >= 0, "limit must be zero or positive but was %s", limit);
		lock();
		try {
			maintain(false);
			Map<K, V> entries = new LinkedHashMap<>();
			Node<K, V> node = coldestFirst ? this.accessOrder.peekFirst() : this.accessOrder.peekLast();
			while (node != null && entries.size() < limit) {
				entries.put(node.key, node.value);
				node = coldestFirst ? this.accessOrder.next(node) : this.accessOrder.previous(node);
			}
			return Collections.unmodifiableMap(entries);
		}
		finally {
			unlockAndNotify();
		}
	}

	/**
	 * Remove the least recently used live entry and return it, as the Python library's ordered
	 * dictionary drops its oldest item. Reported to the removal listener as
	 * {@link RemovalCause#EXPLICIT}.
	 * @return the removed entry, or {@code null} if the cache holds no live entry
	 */
	public Entry<K, V> pollColdest() {
		lock();
		try {
			maintain(false);
			Node<K, V> coldest = this.accessOrder.peekFirst();
			if (coldest == null) {
				return null;
			}
			removeNode(coldest, RemovalCause.EXPLICIT);
			return new SimpleImmutableEntry<>(coldest.key, coldest.value);
		}
		finally {
			unlockAndNotify();
		}
	}

	// Time to live

	/**
	 * Set the time to live of a live entry, counted from now. Does not count as use.
	 * @param key the key
	 * @param ttl the new time to live, or {@code null} for no expiry
	 * @throws NullPointerException if the key is {@code null}
	 * @throws IllegalArgumentException if the time to live is zero or negative
	 * @throws NoSuchElementException if there is no live entry for the key
	 */
	public void setTtl(K key, Duration ttl) {
		Checks.requireValidTtl(ttl, "ttl");
		reschedule(key, (now) -> deadline(ttl, now));
	}

	/**
	 * Make a live entry expire at a wall-clock instant. The instant is converted once to ticker
	 * time, so later jumps of the wall clock do not move the deadline. An instant in the past
	 * expires the entry at once.
	 * @param key the key
	 * @param instant when the entry expires
	 * @throws NullPointerException if the key or instant is {@code null}
	 * @throws NoSuchElementException if there is no live entry for the key
	 */
	public void expireAt(K key, Instant instant) {
		Objects.requireNonNull(instant, "instant must not be null");
		reschedule(key, (now) -> {
			long delay = Checks.toNanosSaturated(Duration.between(this.clock.instant(), instant));
			return (delay <= 0) ? now : Checks.saturatedAdd(now, delay);
		});
	}

	private void reschedule(K key, LongUnaryOperator deadline) {
		Objects.requireNonNull(key, "key must not be null");
		lockForWrite();
		try {
			long now = maintain(true, key);
			Node<K, V> node = requireLiveNode(key, now);
			long expiresAt = deadline.applyAsLong(now);
			if (expiresAt > now && expiresAt != Node.NEVER && wheelGrowth(this.tableBytes, node.weight) > 0) {
				allocateTimerWheel(node);
			}
			this.timerWheel.deschedule(node);
			node.expiresAt = expiresAt;
			if (node.isExpiredAt(now)) {
				removeNode(node, RemovalCause.EXPIRED);
			}
			else if (node.expiresAt != Node.NEVER) {
				this.timerWheel.schedule(node);
			}
		}
		finally {
			unlockWriteAndNotify();
		}
	}

	/**
	 * Return the bytes the timer wheel's buckets add for a deadline of an entry of the given weight:
	 * their size if they are not made yet and the cache's bound holds them beside the entry and the
	 * tables, else none. A cache too small for them keeps its deadlines in the wheel's list, which
	 * then holds a few dozen entries at most, all the budget has room for. Called under the lock.
	 */
	private long wheelGrowth(long table, long weight) {
		long growth = TimerWheel.BUCKETS_BYTES;
		boolean fits = this.structureBytes + table + growth + weight <= this.maxBytes;
		return (fits && !this.timerWheel.isAllocated()) ? growth : 0;
	}

	/**
	 * Make the timer wheel for the first deadline given by {@link #setTtl} or {@link #expireAt},
	 * evicting other entries to make room for it. Called under the locks of a write.
	 * @throws IllegalStateException if the wheel does not fit in the shared budget beside the entry
	 */
	private void allocateTimerWheel(Node<K, V> node) {
		long growth = TimerWheel.BUCKETS_BYTES;
		boolean fits = this.budget == null || node.weight <= this.budget.roomFor(growth);
		Checks.requireState(fits, "A time to live needs the timer wheel, %s bytes, which does not fit in the shared"
				+ " budget %s beside this entry; raise its maxSize", growth, (this.budget != null) ? this.budget.getMaxSize() : null);
		evict(this.maxBytes, this.maxItems, growth, 0, node, null);
		if (this.budget != null) {
			this.budget.makeRoom(growth, node);
		}
		this.timerWheel.allocate();
		growStructure(growth, true);
	}

	/**
	 * Return the time a live entry has left to live. Does not count as use.
	 * @param key the key
	 * @return the time left, or empty if the entry never expires
	 * @throws NullPointerException if the key is {@code null}
	 * @throws NoSuchElementException if there is no live entry for the key
	 */
	public Optional<Duration> getTtl(K key) {
		Objects.requireNonNull(key, "key must not be null");
		long now = now();
		Node<K, V> node = requireLiveNode(key, now);
		long expiresAt = node.expiresAt;
		return (expiresAt != Node.NEVER) ? Optional.of(Duration.ofNanos(expiresAt - now)) : Optional.empty();
	}

	/**
	 * Return whether the key has no live entry: its entry outlived its time to live, or was
	 * removed or evicted, or the key was never cached. The answer does not depend on whether an
	 * expired entry has been released yet, and it is {@code true} exactly when {@link #getTtl},
	 * {@link #setTtl} and {@link #expireAt} would throw {@link NoSuchElementException}. Does not
	 * count as use.
	 * @param key the key
	 * @return {@code true} if there is no live entry for the key, {@code false} if there is
	 * @throws NullPointerException if the key is {@code null}
	 */
	public boolean isExpired(K key) {
		return !containsKey(key);
	}

	/**
	 * Return the time to live given to entries written from now on.
	 * @return the default time to live, or {@code null} if entries never expire by default
	 */
	public Duration getDefaultTtl() {
		return this.defaultTtl;
	}

	/**
	 * Set the time to live given to entries written from now on. Entries already cached keep
	 * their deadlines.
	 * @param ttl the time to live, or {@code null} for no expiry
	 * @throws IllegalArgumentException if the time to live is zero or negative
	 */
	public void setDefaultTtl(Duration ttl) {
		this.defaultTtl = Checks.requireValidTtl(ttl, "defaultTtl");
	}

	/**
	 * Tell the cache that time passed which its ticker did not count, such as the gap between a
	 * snapshot of the JVM and its restore (AWS Lambda SnapStart, CRaC), when a monotonic clock may
	 * stand still. Every entry ages by that much at once: those whose time to live ran out in the
	 * gap expire now, and the others keep only what is left. Entries that never expire are kept.
	 * <p>
	 * <b>Note:</b> the unseen time counted over the cache's life is capped at 146 years, so that
	 * even an absurd gap (a wall clock read wrong, say) leaves a clock under which entries written
	 * afterwards expire on time; an entry given a longer time to live survives such a gap.
	 * @param elapsed the time that passed unseen, zero or positive
	 * @throws NullPointerException if {@code elapsed} is {@code null}
	 * @throws IllegalArgumentException if {@code elapsed} is negative
	 */
	public void advanceTime(Duration elapsed) {
		Objects.requireNonNull(elapsed, "elapsed must not be null");
		Checks.requireArgument(!elapsed.isNegative(), "elapsed must be zero or positive but was %s", elapsed);
		lock();
		try {
			this.skippedNanos = Math.min(MAX_SKIPPED_NANOS,
					Checks.saturatedAdd(this.skippedNanos, Checks.toNanosSaturated(elapsed)));
			maintain(false);
		}
		finally {
			unlockAndNotify();
		}
	}

	// Bounds

	/**
	 * Change the byte budget, evicting least recently used entries at once until the cache fits.
	 * <p>
	 * <b>Note:</b> the hash table is sized by the most entries the cache ever held and never
	 * shrinks, as a {@link ConcurrentHashMap}'s does not either, so a cache that once held many entries
	 * refuses a budget its table alone would fill; the message names the least it accepts.
	 * @param maxSize the new budget, such as {@code "64M"} (see {@link ByteSize})
	 * @throws NullPointerException if {@code maxSize} is {@code null}
	 * @throws IllegalArgumentException if {@code maxSize} is malformed, or leaves no room for an
	 * entry beside the cache's structure and hash table; the message names the least accepted
	 */
	public void changeByteSize(String maxSize) {
		changeByteSize(ByteSize.parse(maxSize));
	}

	/**
	 * Change the byte budget, evicting least recently used entries at once until the cache fits.
	 * @param maxBytes the new budget in bytes
	 * @throws IllegalArgumentException if {@code maxBytes} is not positive, or leaves no room for
	 * an entry beside the cache's structure and hash table; the message names the least accepted
	 */
	public void changeByteSize(long maxBytes) {
		changeByteSize(ByteSize.ofBytes(maxBytes));
	}

	private void changeByteSize(ByteSize size) {
		lock();
		try {
			requireRoomForEntries(size);
			maintain(false);
			evict(size.toBytes(), this.maxItems, 0, 0, null, null);
			this.maxSize = size;
			this.maxBytes = size.toBytes();
		}
		finally {
			unlockAndNotify();
		}
	}

	/**
	 * Change the item count bound, evicting least recently used entries at once until the cache
	 * fits.
	 * @param maxItems the new bound
	 * @throws IllegalArgumentException if {@code maxItems} is not positive
	 */
	public void changeMaxItems(long maxItems) {
		Checks.requirePositive(maxItems, "maxItems");
		lock();
		try {
			maintain(false);
			evict(this.maxBytes, maxItems, 0, 0, null, null);
			this.maxItems = maxItems;
		}
		finally {
			unlockAndNotify();
		}
	}

	/**
	 * Return the byte budget as it was written.
	 * @return the budget, or empty if the cache is not bounded by bytes
	 */
	public Optional<ByteSize> getMaxSize() {
		return Optional.ofNullable(this.maxSize);
	}

	/**
	 * Return the item count bound.
	 * @return the bound, or empty if the cache is not bounded by item count
	 */
	public OptionalLong getMaxItems() {
		long items = this.maxItems;
		return (items != Long.MAX_VALUE) ? OptionalLong.of(items) : OptionalLong.empty();
	}

	/**
	 * Return the bytes accounted now: the measured size of every entry held plus the cache's own
	 * structure. Never more than the byte budget once an operation has returned.
	 * @return the size in bytes
	 */
	public long getByteSize() {
		return this.structureBytes + this.tableBytes + this.entryBytes;
	}

	/**
	 * Return the bytes of the cache's own structure, which grows when the timer wheel or the read
	 * buffer is first needed.
	 */
	long structureBytes() {
		return this.structureBytes;
	}

	/**
	 * Return the bytes of the hash table, which is sized by the most entries ever held.
	 */
	long tableBytes() {
		return this.tableBytes;
	}

	/**
	 * Return the statistics gathered since the cache was built.
	 * @return a snapshot of the counters
	 */
	public CacheStats stats() {
		ReadBuffer<K, V> buffer = this.readBuffer;
		if (buffer == null) {
			return this.stats.snapshot(0, 0);
		}
		return this.stats.snapshot(buffer.recordedCount() + buffer.unrecordedCount(), buffer.missCount());
	}

	/**
	 * Release expired entries and apply recorded reads now, rather than during the next write.
	 * Never needed for correctness: expired entries are invisible at once.
	 */
	public void cleanUp() {
		lock();
		try {
			maintain(false);
		}
		finally {
			unlockAndNotify();
		}
	}

	/**
	 * Return a summary such as
	 * {@code FaasCache@1b6d3586{defaultTtl=PT10S, maxSize=128M, maxItems=10, bytes=2768, items=1}}.
	 * Unlike other maps, the entries are not listed.
	 */
	@Override
	public String toString() {
		long items = this.maxItems;
		return "FaasCache@" + Integer.toHexString(System.identityHashCode(this)) + "{defaultTtl=" + this.defaultTtl
				+ ", maxSize=" + ((this.maxSize != null) ? this.maxSize : "unbounded") + ", maxItems="
				+ ((items != Long.MAX_VALUE) ? items : "unbounded") + ", bytes=" + getByteSize() + ", items="
				+ this.entryCount + "}";
	}

	// Internals

	/**
	 * Return the cache time: nanoseconds since the cache was built, plus the time skipped. The
	 * ticker's difference may wrap (it is monotonic, not absolute), but the sum saturates and stays
	 * below {@link Node#NEVER}, so that no amount of skipped time makes a deadline look far away
	 * again, or makes an entry that never expires look expired.
	 */
	private long now() {
		return Math.min(Checks.saturatedAdd(this.ticker.read() - this.origin, this.skippedNanos), Node.NEVER - 1);
	}

	private boolean isLive(Node<K, V> node) {
		long expiresAt = node.expiresAt;
		return expiresAt == Node.NEVER || expiresAt > now();
	}

	private static long deadline(Duration ttl, long now) {
		return (ttl != null) ? Checks.saturatedAdd(now, Checks.toNanosSaturated(ttl)) : Node.NEVER;
	}

	private long weigh(K key, V value) {
		long keyBytes = this.sizer.sizeOf(key);
		long valueBytes = this.sizer.sizeOf(value);
		if (keyBytes < 0 || valueBytes < 0) {
			throw new IllegalStateException(String.format("Sizer %s returned a negative size (key %s, value %s)",
					this.sizer, keyBytes, valueBytes));
		}
		return Checks.saturatedAdd(Checks.saturatedAdd(keyBytes, valueBytes), Layout.NODE_OVERHEAD);
	}

	/**
	 * Refuse a byte budget under which no entry could ever be stored: the cache's structure and
	 * its hash table, which is sized by the most entries ever held and never shrinks, stay, so
	 * the least budget accepted leaves room for them and the smallest entry besides. Called under
	 * the lock, or from the constructor.
	 */
	private void requireRoomForEntries(ByteSize size) {
		long least = this.structureBytes + Layout.tableBytes(Math.max(this.peakCount, 1)) + Layout.NODE_OVERHEAD;
		Checks.requireArgument(size.toBytes() >= least,
				"maxSize must be at least %s bytes (the cache's own structure and hash table, which is sized by"
						+ " the most entries ever held, plus the smallest entry), but was %s",
				least, size);
	}

	/** Return the live node for the key without counting a use, or {@code null}. */
	Node<K, V> peekLiveNode(Object key) {
		return lookup(key);
	}

	private Node<K, V> requireLiveNode(Object key, long now) {
		Node<K, V> node = lookup(key);
		if (node == null || node.isExpiredAt(now)) {
			throw new NoSuchElementException("No live entry for key '" + key + "'");
		}
		return node;
	}

	/**
	 * Return the live node for the key, or {@code null}, as a read without the lock may report
	 * it. A read that finds no live entry while another thread is
	 * {@linkplain #restructuring restructuring} the cache could see a state the cache never held as a whole (a write's victim gone, its own
	 * entry not yet stored, say), so it waits for that change to finish and looks again: every
	 * call stays linearizable, and a hit never waits. When the change is a write that evicts a
	 * single entry, only a read of the key being stored waits: once the victim is gone, that entry
	 * is the only one whose absence would be seen too early, and every other key reads the same
	 * before and after the write. Under a load, the misses of a cache with more distinct keys than
	 * room are many, and would otherwise queue behind every write.
	 */
	private Node<K, V> lookup(Object key) {
		Node<K, V> node = this.table.get(key);
		// The ticker is read once per hit: it costs more than the rest of the hit (about 30 ns on
		// a virtual machine's clock), so the callers take the node as live rather than check again
		if (node != null && isLive(node) && !isBeingWritten(key)) {
			return node;
		}
		if (this.evictionLock.isHeldByCurrentThread()) {
			return null;
		}
		while (true) {
			while (concernsKey(this.restructuring, key)) {
				lock();
				this.evictionLock.unlock();
			}
			// Look again: a change may have ended between the look-up above, made while it was under
			// way, and the check of the flag, which then found nothing to wait for; the look-up alone
			// would report a state from before a write that another read has already seen the effect of
			node = this.table.get(key);
			if (node == null || !isLive(node)) {
				return null;
			}
			if (!isBeingWritten(key)) {
				return node;
			}
		}
	}

	/**
	 * Return whether a call on the key that reads the clock is under way, on another thread, in
	 * a cache whose entries have deadlines (see {@link #maintain(boolean, Object)}): a read that
	 * hits the key then waits for it. Without deadlines, a hit never waits.
	 */
	private boolean isBeingWritten(Object key) {
		return this.timed && concernsKey(this.restructuring, key) && !this.evictionLock.isHeldByCurrentThread();
	}

	private static boolean concernsKey(Object change, Object key) {
		return change != null && (change == EVERY_KEY || key.equals(change));
	}

	/** Return the live node for the key; called under the lock, after maintenance. */
	private Node<K, V> liveNode(Object key, long now) {
		Node<K, V> node = this.table.get(key);
		if (node != null && node.isExpiredAt(now)) {
			removeNode(node, RemovalCause.EXPIRED);
			return null;
		}
		return node;
	}

	/**
	 * Record a hit on the node: in the read buffer, which counts it whether it records it or not,
	 * or, until there is one, in the statistics.
	 * A read that fills its stripe of the buffer, or finds it full, drains the buffer unless
	 * another thread holds the lock (or this thread does, from inside a function it runs).
	 */
	private void afterRead(Node<K, V> node) {
		ReadBuffer<K, V> buffer = this.readBuffer;
		if (buffer == null) {
			this.stats.recordHit();
			if (this.evictionLock.tryLock()) {
				try {
					touch(node);
					if (this.readContended) {
						// Reads have contended: make the buffer now rather than at the next write,
						// which a read-only workload may never make, leaving every read to take the lock
						drainReads();
					}
				}
				finally {
					this.evictionLock.unlock();
				}
			}
			else {
				this.readContended = true;
			}
			return;
		}
		int outcome = buffer.offer(node);
		if (outcome == ReadBuffer.RECORDED) {
			return;
		}
		if (outcome != ReadBuffer.RECORDED_FULL) {
			buffer.countUnrecorded();
		}
		if (outcome != ReadBuffer.SKIPPED && !this.evictionLock.isLocked() && this.evictionLock.tryLock()) {
			try {
				maintain(false);
			}
			finally {
				unlockAndNotify();
			}
		}
	}

	/**
	 * Replay recorded reads and release expired entries. Called under the lock. The ticker is
	 * read only when some entry has a deadline or the caller needs the time to give one, so that
	 * a cache whose entries never expire never reads it.
	 * @param needTime whether the caller needs the current time
	 * @return the current time, or when no entry has a deadline and {@code needTime} is
	 * {@code false}, the last time read, which then serves as well
	 */
	private long maintain(boolean needTime) {
		drainReads();
		if (!needTime && this.timerWheel.isEmpty()) {
			return this.timerWheel.time();
		}
		long now = now();
		this.timerWheel.advance(now, this, FaasCache::expire);
		return now;
	}

	/**
	 * Maintain the cache, as {@link #maintain(boolean)} does, for a call on one key. Once entries
	 * have deadlines, the key is first marked as restructuring, so that the time read here is the
	 * call's instant for every read of the key: a read that has seen the clock move past it
	 * (a {@link Ticker} advanced by another thread, say) cannot then see the key as it was before
	 * the call, which would make the deadline the call gives, or the live entry it finds, belong
	 * to a time that read had already left behind. Called under the lock.
	 * @param needTime whether the caller needs the current time
	 * @param key the key of the call
	 * @return what {@link #maintain(boolean)} returns
	 */
	private long maintain(boolean needTime, Object key) {
		if (needTime || this.timed) {
			if (!this.timed) {
				this.timed = true;
			}
			markRestructuring(key);
			// The mark must be seen by any read that sees the clock read below overtaken
			VarHandle.fullFence();
		}
		return maintain(needTime);
	}

	/**
	 * Apply the recorded reads, or make the read buffer if reads contended and the bounds leave
	 * room for it without evicting. Called under the lock.
	 */
	private void drainReads() {
		ReadBuffer<K, V> buffer = this.readBuffer;
		if (buffer != null) {
			buffer.drainTo(this, FaasCache::touch);
		}
		else if (this.readContended) {
			this.readContended = false;
			// The buffer is optional: made only where it takes a small share of the budget, so that
			// it never makes the cache refuse an entry that it would otherwise hold
			boolean fits = ReadBuffer.BYTES <= this.maxBytes / READ_BUFFER_SHARE
					&& getByteSize() + ReadBuffer.BYTES <= this.maxBytes;
			if (fits && (this.budget == null
					|| (ReadBuffer.BYTES <= this.budget.getMaxSize().toBytes() / READ_BUFFER_SHARE
							&& this.budget.tryAddFixed(ReadBuffer.BYTES)))) {
				growStructure(ReadBuffer.BYTES, false);
				this.readBuffer = new ReadBuffer<>();
			}
		}
	}

	private void expire(Node<K, V> node) {
		removeNode(node, RemovalCause.EXPIRED);
	}

	private void touch(Node<K, V> node) {
		if (node.isAlive()) {
			this.accessOrder.moveToLast(node);
		}
	}

	/**
	 * Store a new node for the key, retiring {@code old} as replaced, then evict to the bounds.
	 * Called under the lock; refuses an entry larger than the budget before changing anything.
	 */
	private void install(K key, V value, long weight, long expiresAt, Node<K, V> old) {
		// The table this write needs if every other entry is evicted: larger only for a first entry
		long table = (old != null || this.peakCount > 0) ? this.tableBytes : Layout.tableBytes(1);
		// The timer wheel is made for the first entry with a deadline, and accounted like the table
		long wheelGrowth = (expiresAt != Node.NEVER) ? wheelGrowth(table, weight) : 0;
		long ownBytes = this.structureBytes + table + wheelGrowth;
		if (weight > this.maxBytes - ownBytes) {
			this.stats.recordRejection();
			throw new EntryTooLargeException(key, weight, this.maxBytes, ownBytes);
		}
		long tableGrowth = table - this.tableBytes + wheelGrowth;
		if (this.budget != null && weight > this.budget.roomFor(tableGrowth)) {
			// Checked against every member's structure and tables before anything is evicted:
			// evicting first, then finding that the entry still does not fit, would cost other
			// caches their entries for nothing
			this.stats.recordRejection();
			long budgetBytes = this.budget.getMaxSize().toBytes();
			throw new EntryTooLargeException(key, weight, budgetBytes, this.budget.fixedBytes() + tableGrowth);
		}
		long released = (old != null) ? old.weight : 0;
		evict(this.maxBytes, this.maxItems, weight - released + wheelGrowth, (old != null) ? 0 : 1, old, key);
		if (this.budget != null) {
			long growth = tableBytesWith((old != null) ? 0 : 1) - this.tableBytes + wheelGrowth;
			this.budget.makeRoom(weight - released + growth, old);
		}
		if (wheelGrowth > 0) {
			this.timerWheel.allocate();
			growStructure(wheelGrowth, true);
		}
		// As a map does, the entry keeps the key object it was first written with
		Node<K, V> node = new Node<>((old != null) ? old.key : key, value, weight, expiresAt);
		if (old != null) {
			this.table.replace(old, node);
			retire(old, RemovalCause.REPLACED);
		}
		else {
			this.table.add(node, this.entryCount + 1);
		}
		this.accessOrder.linkLast(node);
		if (expiresAt != Node.NEVER) {
			this.timerWheel.schedule(node);
		}
		addBytes(weight);
		ENTRY_COUNT.setRelease(this, this.entryCount + 1);
		if (this.entryCount > this.peakCount) {
			this.peakCount = this.entryCount;
			growTable(Layout.tableBytes(this.peakCount));
		}
		this.stats.recordPut();
	}

	/**
	 * Evict least recently used entries until {@code extraBytes} and {@code extraItems} more fit
	 * within the given bounds. Room is made before a write, so the totals never exceed a bound,
	 * not even while the lock is held. Called under the lock.
	 * @param spare a node to leave alone because the caller is replacing it, or {@code null}
	 * @param key the key the caller stores once room is made, or {@code null}
	 */
	private void evict(long maxBytes, long maxItems, long extraBytes, long extraItems, Node<K, V> spare, K key) {
		Node<K, V> victim = this.accessOrder.peekFirst();
		while (victim != null) {
			long count = this.entryCount + extraItems;
			long bytes = this.entryBytes + extraBytes;
			if (fits(count, bytes, maxBytes, maxItems)) {
				return;
			}
			Node<K, V> next = this.accessOrder.next(victim);
			if (victim != spare) {
				// A shared budget may evict further entries of this cache once this loop is done
				boolean last = this.budget == null && fits(count - 1, bytes - victim.weight, maxBytes, maxItems);
				markRestructuring((key != null && last) ? key : EVERY_KEY);
				removeNode(victim, (count > maxItems) ? RemovalCause.ITEMS : RemovalCause.SIZE);
			}
			victim = next;
		}
	}

	/**
	 * Return whether the given count of entries and their bytes fit within the bounds, with the
	 * tables as large as that count makes them. Called under the lock.
	 */
	private boolean fits(long count, long bytes, long maxBytes, long maxItems) {
		long table = (count <= this.peakCount) ? this.tableBytes : Layout.tableBytes(count);
		return count <= maxItems && bytes <= maxBytes - this.structureBytes - table;
	}

	/**
	 * Return the bytes of the tables once the cache holds {@code extraItems} more entries.
	 * Called under the lock.
	 */
	private long tableBytesWith(long extraItems) {
		long count = this.entryCount + extraItems;
		return (count <= this.peakCount) ? this.tableBytes : Layout.tableBytes(count);
	}

	/**
	 * Make reads that find no live entry for the given key, or for any key if it is
	 * {@link #EVERY_KEY}, wait for the change under way; a change already under way for another
	 * key then concerns every key. Called under the lock.
	 */
	private void markRestructuring(Object change) {
		Object current = this.restructuring;
		if (current == null) {
			RESTRUCTURING.setRelease(this, change);
		}
		else if (current != change && current != EVERY_KEY) {
			RESTRUCTURING.setRelease(this, EVERY_KEY);
		}
	}

	private void removeNode(Node<K, V> node, RemovalCause cause) {
		unmap(node);
		retire(node, cause);
	}

	/**
	 * Take a node out of the table. The table finds it by identity, through the hash code the key
	 * had when the entry was written, so a key whose {@code hashCode} changed (or began to throw)
	 * since is neither asked for it nor kept: the entry can no longer be found through its key, as
	 * in any hash map, but it is still evicted, expired and cleared, and its memory is released.
	 * Called under the lock.
	 */
	private void unmap(Node<K, V> node) {
		this.table.remove(node);
	}

	/** Take a node out of the order, the wheel and the totals. Called under the lock. */
	private void retire(Node<K, V> node, RemovalCause cause) {
		if (!node.isAlive()) {
			return;
		}
		this.accessOrder.unlink(node);
		this.timerWheel.deschedule(node);
		addBytes(-node.weight);
		ENTRY_COUNT.setRelease(this, this.entryCount - 1);
		this.stats.recordRemoval(cause);
		queueRemoval(node.key, node.value, cause);
	}

	/** Keep a removal for the listener, which hears of it once the lock is released. Called under the lock. */
	private void queueRemoval(K key, V value, RemovalCause cause) {
		if (this.removalListener != null) {
			if (this.pendingRemovals == null) {
				this.pendingRemovals = new ArrayList<>();
			}
			this.pendingRemovals.add(new Removal<>(key, value, cause));
		}
	}

	private void addBytes(long delta) {
		ENTRY_BYTES.setRelease(this, this.entryBytes + delta);
		if (this.budget != null) {
			this.budget.add(delta);
		}
	}

	/**
	 * Account a part of the structure made now.
	 * @param accountInBudget whether to add the bytes to the shared budget, which the caller has
	 * not done yet
	 */
	private void growStructure(long bytes, boolean accountInBudget) {
		this.structureBytes += bytes;
		if (accountInBudget && this.budget != null) {
			this.budget.addFixed(bytes);
		}
	}

	private void growTable(long bytes) {
		if (this.budget != null) {
			this.budget.addFixed(bytes - this.tableBytes);
		}
		TABLE_BYTES.setRelease(this, bytes);
	}

	/**
	 * Return the access stamp of this cache's least recently used entry other than {@code spare},
	 * for a shared budget. Recorded reads are applied first; expiry is left to this cache's own
	 * maintenance, so that the entry a writer is replacing cannot expire under it.
	 * @return the stamp, or {@link Long#MAX_VALUE} if there is no such entry
	 */
	long eldestAccessStamp(Object spare) {
		lock();
		try {
			Node<K, V> eldest = eldest(spare);
			return (eldest != null) ? eldest.accessStamp : Long.MAX_VALUE;
		}
		finally {
			unlockAndNotify();
		}
	}

	/**
	 * Evict this cache's least recently used entry other than {@code spare} for a shared budget,
	 * if it still has the given stamp.
	 */
	void evictEldest(long accessStamp, Object spare) {
		lock();
		try {
			Node<K, V> eldest = eldest(spare);
			if (eldest != null && eldest.accessStamp == accessStamp) {
				removeNode(eldest, RemovalCause.SIZE);
			}
		}
		finally {
			unlockAndNotify();
		}
	}

	private Node<K, V> eldest(Object spare) {
		drainReads();
		Node<K, V> eldest = this.accessOrder.peekFirst();
		return (eldest != null && eldest == spare) ? this.accessOrder.next(eldest) : eldest;
	}

	/**
	 * Take the eviction lock. Writes hold it for a few hundred nanoseconds, so a thread that
	 * finds it held spins briefly before it parks, which would cost microseconds; on a single
	 * processor, where the holder cannot run while another thread spins, it parks at once. With
	 * two threads, 0, 16, 128 and 512 spins were measured: fewer left puts as fast and made mixed
	 * reads and writes slower, since a parked thread must be woken from the other processor (see
	 * the project's {@code docs/benchmarks.md}).
	 */
	private void lock() {
		ReentrantLock lock = this.evictionLock;
		if (lock.tryLock()) {
			return;
		}
		for (int spins = LOCK_SPINS; spins > 0; spins--) {
			Thread.onSpinWait();
			if (!lock.isLocked() && lock.tryLock()) {
				return;
			}
		}
		lock.lock();
	}

	/**
	 * Take the locks of an operation that may add bytes: with a shared budget, the budget's lock
	 * first, so that the write can evict from other members before it stores its entry.
	 */
	private void lockForWrite() {
		if (this.budget != null) {
			this.budget.lock();
		}
		lock();
	}

	/**
	 * Release the eviction lock, then report the removals made under it, outside any lock. Under
	 * a shared budget's lock, which this thread holds while it writes to another member, they are
	 * handed to the budget instead, which reports them once that write is done.
	 */
	private void unlockAndNotify() {
		Runnable notification = unlock();
		if (notification == null) {
			return;
		}
		if (this.budget != null && this.budget.isHeldByCurrentThread()) {
			this.budget.defer(notification);
		}
		else {
			notification.run();
		}
	}

	/** Release the locks taken by {@link #lockForWrite()}, then report the removals. */
	private void unlockWriteAndNotify() {
		Runnable notification = unlock();
		if (this.budget != null) {
			this.budget.unlock(notification);
		}
		else if (notification != null) {
			notification.run();
		}
	}

	/**
	 * Release the eviction lock.
	 * @return what reports the removals made under it, or {@code null} if there are none to
	 * report yet
	 */
	private Runnable unlock() {
		boolean outermost = this.evictionLock.getHoldCount() == 1;
		List<Removal<K, V>> removals = outermost ? this.pendingRemovals : null;
		if (removals != null) {
			this.pendingRemovals = null;
		}
		if (outermost && this.restructuring != null) {
			RESTRUCTURING.setRelease(this, null);
		}
		this.evictionLock.unlock();
		return (removals != null) ? () -> notifyRemovals(removals) : null;
	}

	private void notifyRemovals(List<Removal<K, V>> removals) {
		for (Removal<K, V> removal : removals) {
			try {
				this.removalListener.onRemoval(removal.key(), removal.value(), removal.cause());
			}
			catch (Throwable ex) {
				// As Caffeine does: an Error (an AssertionError in a test, say) must neither skip the
				// rest of the batch nor reach a caller whose write has already taken effect
				logger.log(Level.WARNING, "Removal listener " + this.removalListener + " failed for key '"
						+ removal.key() + "' (" + removal.cause() + "); the cache is unaffected", ex);
			}
		}
	}

	private record Removal<K, V>(K key, V value, RemovalCause cause) {
	}

	/**
	 * Builds a {@link FaasCache}. Every bound is optional, and they combine: an entry is evicted
	 * as soon as any bound is exceeded. Each setting may be given once.
	 *
	 * @param <K> the key type
	 * @param <V> the value type
	 */
	public static final class Builder<K, V> {

		private ByteSize maxSize;

		private Long maxItems;

		private Duration defaultTtl;

		private boolean defaultTtlSet;

		private Ticker ticker;

		private Clock clock;

		private Sizer sizer;

		private RemovalListener<? super K, ? super V> removalListener;

		private SharedBudget budget;

		private Builder() {
		}

		/**
		 * Bound the cache by bytes of heap.
		 * @param maxSize the budget, such as {@code "128M"}, {@code "1.5G"} or {@code "64MB"} (see
		 * {@link ByteSize})
		 * @return this builder
		 * @throws NullPointerException if {@code maxSize} is {@code null}
		 * @throws IllegalArgumentException if {@code maxSize} is malformed
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> maxSize(String maxSize) {
			return maxSize(ByteSize.parse(maxSize));
		}

		/**
		 * Bound the cache by bytes of heap.
		 * @param maxBytes the budget in bytes
		 * @return this builder
		 * @throws IllegalArgumentException if {@code maxBytes} is not positive
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> maxSize(long maxBytes) {
			return maxSize(ByteSize.ofBytes(maxBytes));
		}

		/**
		 * Bound the cache by bytes of heap.
		 * @param size the budget, as parsed by {@link ByteSize#parse(String)}
		 * @return this builder
		 * @throws NullPointerException if {@code size} is {@code null}
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> maxSize(ByteSize size) {
			Checks.requireState(this.maxSize == null, "maxSize was already set to %s", this.maxSize);
			this.maxSize = Objects.requireNonNull(size, "maxSize must not be null");
			return this;
		}

		/**
		 * Bound the cache by number of entries.
		 * @param maxItems the most entries the cache holds
		 * @return this builder
		 * @throws IllegalArgumentException if {@code maxItems} is not positive
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> maxItems(long maxItems) {
			Checks.requireState(this.maxItems == null, "maxItems was already set to %s", this.maxItems);
			this.maxItems = Checks.requirePositive(maxItems, "maxItems");
			return this;
		}

		/**
		 * Give entries a time to live unless they are written with their own.
		 * @param defaultTtl the time to live, or {@code null} for no expiry (the default)
		 * @return this builder
		 * @throws IllegalArgumentException if {@code defaultTtl} is zero or negative
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> defaultTtl(Duration defaultTtl) {
			Checks.requireState(!this.defaultTtlSet, "defaultTtl was already set to %s", this.defaultTtl);
			this.defaultTtl = Checks.requireValidTtl(defaultTtl, "defaultTtl");
			this.defaultTtlSet = true;
			return this;
		}

		/**
		 * Use the given source of monotonic time for expiry, for example a fake one in tests.
		 * @param ticker the ticker; {@link Ticker#systemTicker()} by default
		 * @return this builder
		 * @throws NullPointerException if {@code ticker} is {@code null}
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> ticker(Ticker ticker) {
			Checks.requireState(this.ticker == null, "ticker was already set to %s", this.ticker);
			this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
			return this;
		}

		/**
		 * Use the given wall clock to convert instants passed to {@link FaasCache#expireAt} into
		 * ticker time. Expiry itself never reads the wall clock.
		 * @param clock the clock; {@link Clock#systemUTC()} by default
		 * @return this builder
		 * @throws NullPointerException if {@code clock} is {@code null}
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> clock(Clock clock) {
			Checks.requireState(this.clock == null, "clock was already set to %s", this.clock);
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Measure keys and values with the given sizer instead of {@link Sizer#deep()}.
		 * @param sizer the sizer
		 * @return this builder
		 * @throws NullPointerException if {@code sizer} is {@code null}
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> sizer(Sizer sizer) {
			Checks.requireState(this.sizer == null, "sizer was already set to %s", this.sizer);
			this.sizer = Objects.requireNonNull(sizer, "sizer must not be null");
			return this;
		}

		/**
		 * Report every removal, with its cause, to the given listener.
		 * @param removalListener the listener
		 * @return this builder
		 * @throws NullPointerException if {@code removalListener} is {@code null}
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> removalListener(RemovalListener<? super K, ? super V> removalListener) {
			Checks.requireState(this.removalListener == null, "removalListener was already set to %s",
					this.removalListener);
			this.removalListener = Objects.requireNonNull(removalListener, "removalListener must not be null");
			return this;
		}

		/**
		 * Share a byte budget with other caches: when a write would take the bytes of all caches
		 * of the budget over it, the least recently used entries across all of them are evicted
		 * first, before the write stores its entry. This cache's own bounds still apply.
		 * @param budget the shared budget
		 * @return this builder
		 * @throws NullPointerException if {@code budget} is {@code null}
		 * @throws IllegalStateException if it was already set
		 */
		public Builder<K, V> sharedBudget(SharedBudget budget) {
			Checks.requireState(this.budget == null, "sharedBudget was already set to %s", this.budget);
			this.budget = Objects.requireNonNull(budget, "budget must not be null");
			return this;
		}

		/**
		 * Build the cache.
		 * @return a new, empty cache
		 * @throws IllegalArgumentException if the byte budget is too small to hold the cache's own
		 * structure
		 */
		public FaasCache<K, V> build() {
			return new FaasCache<>(this);
		}

	}

}
