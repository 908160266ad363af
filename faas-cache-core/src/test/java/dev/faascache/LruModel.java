/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sequential specification of an item-bounded LRU map, as {@link FaasCache} promises it under
 * concurrency. Immutable: each operation returns every state it may lead to, with its result.
 * <p>
 * Writes order entries exactly: a new or replaced entry becomes the most recently used, and when
 * there are more than {@code maxItems} entries the least recently used go. Reads are recorded in
 * a lossy buffer and replayed later, in a batch, so a read's effect on the order is
 * nondeterministic: before any write, any of the reads not yet applied may be applied, in any
 * order, or kept for later, or never applied. A read of an entry that has since been replaced or
 * removed moves nothing. In single-threaded use the cache is exact (see {@code FaasCacheTests});
 * this model is what holds when threads race.
 */
final class LruModel {

	/** The map operations checked, each with its real call and its effect on the model. */
	enum Kind {

		GET, PUT, PUT_IF_ABSENT, REMOVE, REPLACE, COMPUTE_IF_ABSENT, COMPUTE, COMPUTE_IF_PRESENT, MERGE, REPLACE_IF,
		REMOVE_IF, CLEAR, PUT_TTL, ADVANCE;

		/** The time to live of {@link #PUT_TTL}, and the time {@link #ADVANCE} moves the ticker by. */
		static final Duration TICK = Duration.ofSeconds(1);

		/**
		 * Run the call.
		 * @return its result, or {@code null} for calls that return nothing ({@code clear}),
		 * and 1 or 0 for those that return a boolean
		 */
		Integer run(FaasCache<Integer, Integer> map, FakeTicker ticker, int key, int value) {
			return switch (this) {
				case GET -> map.get(key);
				case PUT -> map.put(key, value);
				case PUT_IF_ABSENT -> map.putIfAbsent(key, value);
				case REMOVE -> map.remove(key);
				case REPLACE -> map.replace(key, value);
				case COMPUTE_IF_ABSENT -> map.computeIfAbsent(key, (k) -> value);
				case COMPUTE -> map.compute(key, (k, old) -> compute(old, value));
				case COMPUTE_IF_PRESENT -> map.computeIfPresent(key, (k, old) -> compute(old, value));
				case MERGE -> map.merge(key, value, Integer::sum);
				case REPLACE_IF -> map.replace(key, expected(value), value) ? 1 : 0;
				case REMOVE_IF -> map.remove(key, expected(value)) ? 1 : 0;
				case CLEAR -> {
					map.clear();
					yield null;
				}
				case PUT_TTL -> map.put(key, value, TICK);
				case ADVANCE -> {
					ticker.advance(TICK);
					yield null;
				}
			};
		}

		/** The value a conditional call expects: one another thread's program wrote. */
		static Integer expected(int value) {
			return value - 3;
		}

		/** Remove an even value, grow an odd one, insert when absent. */
		static Integer compute(Integer old, int value) {
			if (old == null) {
				return value;
			}
			return (old % 2 == 0) ? null : old + value;
		}

	}

	record Op(Kind kind, int key, int value) {

		@Override
		public String toString() {
			return this.kind + "(" + this.key + ((this.kind == Kind.GET || this.kind == Kind.REMOVE) ? "" : ", " + this.value)
					+ ")";
		}

	}

	/** A result and the state after it. */
	record Outcome(Integer result, LruModel state) {
	}

	/** An entry; {@code expiresAt} is a count of {@link Kind#ADVANCE}s, or -1 for never. */
	private record Entry(int key, int value, int id, int expiresAt) {
	}

	private final int maxItems;

	/** Least recently used first. */
	private final List<Entry> order;

	/** Ids of entries read but whose read has not moved them yet. */
	private final Set<Integer> pendingReads;

	private final int nextId;

	/** Number of {@link Kind#ADVANCE}s so far. */
	private final int now;

	LruModel(int maxItems) {
		this(maxItems, List.of(), Set.of(), 0, 0);
	}

	private LruModel(int maxItems, List<Entry> order, Set<Integer> pendingReads, int nextId, int now) {
		this.maxItems = maxItems;
		this.order = order;
		this.pendingReads = pendingReads;
		this.nextId = nextId;
		this.now = now;
	}

	private LruModel with(List<Entry> order, Set<Integer> pendingReads, int nextId) {
		return new LruModel(this.maxItems, order, pendingReads, nextId, this.now);
	}

	/**
	 * Return every result and state the operation may lead to from this state.
	 */
	List<Outcome> apply(Op op) {
		if (op.kind() == Kind.ADVANCE) {
			// Expired entries are invisible at once and released before the next write
			List<Entry> live = this.order.stream().filter((e) -> e.expiresAt() != this.now + 1).toList();
			return List.of(new Outcome(null, new LruModel(this.maxItems, live, this.pendingReads, this.nextId, this.now + 1)));
		}
		Entry present = find(op.key());
		Integer old = (present != null) ? present.value() : null;
		boolean read = op.kind() == Kind.GET || (op.kind() == Kind.COMPUTE_IF_ABSENT && present != null);
		if (read) {
			Set<Integer> pending = new TreeSet<>(this.pendingReads);
			if (present != null) {
				pending.add(present.id());
			}
			return List.of(new Outcome(old, with(this.order, pending, this.nextId)));
		}
		List<Outcome> outcomes = new ArrayList<>();
		for (LruModel replayed : replayings()) {
			outcomes.add(replayed.write(op, old));
		}
		return outcomes;
	}

	private Outcome write(Op op, Integer old) {
		return switch (op.kind()) {
			case PUT -> new Outcome(old, install(op.key(), op.value()));
			case PUT_TTL -> new Outcome(old, install(op.key(), op.value(), this.now + 1));
			case MERGE -> {
				int value = (old != null) ? old + op.value() : op.value();
				yield new Outcome(value, install(op.key(), value));
			}
			case REPLACE_IF -> Kind.expected(op.value()).equals(old) ? new Outcome(1, install(op.key(), op.value()))
					: new Outcome(0, this);
			case REMOVE_IF -> Kind.expected(op.value()).equals(old) ? new Outcome(1, without(op.key()))
					: new Outcome(0, this);
			case CLEAR -> new Outcome(null, with(List.of(), this.pendingReads, this.nextId));
			case PUT_IF_ABSENT, COMPUTE_IF_ABSENT -> (old != null)
					? new Outcome(old, moveToLast(op.key()))
					: new Outcome((op.kind() == Kind.PUT_IF_ABSENT) ? null : Integer.valueOf(op.value()),
							install(op.key(), op.value()));
			case REMOVE -> new Outcome(old, without(op.key()));
			case REPLACE -> new Outcome(old, (old != null) ? install(op.key(), op.value()) : this);
			case COMPUTE -> {
				Integer value = Kind.compute(old, op.value());
				yield new Outcome(value, (value != null) ? install(op.key(), value) : without(op.key()));
			}
			case COMPUTE_IF_PRESENT -> {
				Integer value = (old != null) ? Kind.compute(old, op.value()) : null;
				yield new Outcome(value, (value != null) ? install(op.key(), value) : (old != null) ? without(op.key()) : this);
			}
			case GET, ADVANCE -> throw new IllegalArgumentException(op + " is not a write");
		};
	}

	/**
	 * Return the states reached by applying any sequence of distinct pending reads.
	 */
	private Set<LruModel> replayings() {
		Set<LruModel> states = new HashSet<>();
		collectReplayings(this, states);
		return states;
	}

	private static void collectReplayings(LruModel state, Set<LruModel> into) {
		if (!into.add(state)) {
			return;
		}
		for (Integer id : state.pendingReads) {
			Set<Integer> rest = new TreeSet<>(state.pendingReads);
			rest.remove(id);
			List<Entry> order = new ArrayList<>(state.order);
			order.stream().filter((e) -> e.id() == id).findFirst().ifPresent((e) -> {
				order.remove(e);
				order.add(e);
			});
			collectReplayings(state.with(List.copyOf(order), rest, state.nextId), into);
		}
	}

	private LruModel install(int key, int value) {
		return install(key, value, -1);
	}

	private LruModel install(int key, int value, int expiresAt) {
		List<Entry> order = new ArrayList<>(this.order);
		order.removeIf((e) -> e.key() == key);
		order.add(new Entry(key, value, this.nextId, expiresAt));
		while (order.size() > this.maxItems) {
			order.remove(0);
		}
		return with(List.copyOf(order), this.pendingReads, this.nextId + 1);
	}

	private LruModel moveToLast(int key) {
		List<Entry> order = new ArrayList<>(this.order);
		Entry entry = find(key);
		order.remove(entry);
		order.add(entry);
		return with(List.copyOf(order), this.pendingReads, this.nextId);
	}

	private LruModel without(int key) {
		List<Entry> order = new ArrayList<>(this.order);
		order.removeIf((e) -> e.key() == key);
		return with(List.copyOf(order), this.pendingReads, this.nextId);
	}

	private Entry find(int key) {
		return this.order.stream().filter((e) -> e.key() == key).findFirst().orElse(null);
	}

	/** Reads of entries no longer held can never move anything, so they are left out. */
	private Set<Integer> livePendingReads() {
		Set<Integer> live = new TreeSet<>();
		for (Entry entry : this.order) {
			if (this.pendingReads.contains(entry.id())) {
				live.add(entry.id());
			}
		}
		return live;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof LruModel model && this.order.equals(model.order) && this.now == model.now
				&& livePendingReads().equals(model.livePendingReads());
	}

	@Override
	public int hashCode() {
		return (this.order.hashCode() * 31 + livePendingReads().hashCode()) * 31 + this.now;
	}

	@Override
	public String toString() {
		return this.order + " pending=" + livePendingReads() + " now=" + this.now;
	}

}
