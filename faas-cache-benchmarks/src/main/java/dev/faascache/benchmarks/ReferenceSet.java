/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The values sizing is measured on: the shapes a function caches, from a short string to a map of
 * a thousand entries.
 */
public enum ReferenceSet {

	STRING_100("String of 100 chars", () -> "x".repeat(100)),

	BYTES_10K("byte[10240]", () -> new byte[10240]),

	RECORD_WITH_LIST("record with a nested list of 10 items", () -> {
		List<Line> lines = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			lines.add(new Line("sku-" + i, i + 1, 1_000L * i));
		}
		return new Order("order-42", "customer-7", lines);
	}),

	LIST_OF_100_DTOS("ArrayList of 100 small DTOs", () -> {
		List<Product> products = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			products.add(new Product("id-" + i, "Product " + i, 100 + i));
		}
		return products;
	}),

	MAP_OF_1000_STRINGS("HashMap of 1,000 strings", () -> {
		Map<String, String> map = new HashMap<>();
		for (int i = 0; i < 1000; i++) {
			map.put("key-" + i, "value-" + i);
		}
		return map;
	});

	private final String label;

	private final Supplier<Object> factory;

	ReferenceSet(String label, Supplier<Object> factory) {
		this.label = label;
		this.factory = factory;
	}

	/**
	 * Return the name of this shape in reports.
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Return a new value of this shape.
	 */
	public Object create() {
		return this.factory.get();
	}

	/** An order, as a record holding a list of records. */
	public record Order(String id, String customer, List<Line> lines) {
	}

	/** A line of an order. */
	public record Line(String sku, int quantity, long priceCents) {
	}

	/** A small DTO, as a plain class. */
	public static final class Product {

		private final String id;

		private final String name;

		private final long priceCents;

		public Product(String id, String name, long priceCents) {
			this.id = id;
			this.name = name;
			this.priceCents = priceCents;
		}

		public String getId() {
			return this.id;
		}

		public String getName() {
			return this.name;
		}

		public long getPriceCents() {
			return this.priceCents;
		}

	}

}
