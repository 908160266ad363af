/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The kinds of value users cache, each made distinct from every other one, so that nothing is
 * shared between entries and the deep size of an entry is what it really adds to the heap.
 */
enum ValueShapes {

	/** Latin-1 text, one byte a character. */
	LATIN1_STRING {
		@Override
		Object create(SplittableRandom random, long serial) {
			return text(random, serial, 50 + random.nextInt(4000), 'a');
		}
	},

	/** Text outside Latin-1, two bytes a character. */
	UTF16_STRING {
		@Override
		Object create(SplittableRandom random, long serial) {
			return text(random, serial, 50 + random.nextInt(2000), 'Ж');
		}
	},

	BYTE_ARRAY {
		@Override
		Object create(SplittableRandom random, long serial) {
			byte[] bytes = new byte[1 + random.nextInt(16 * 1024)];
			random.nextBytes(bytes);
			return bytes;
		}
	},

	/** A record holding a list of strings and boxed numbers too large for the JDK's box caches. */
	RECORD_WITH_LIST {
		@Override
		Object create(SplittableRandom random, long serial) {
			int lines = 1 + random.nextInt(40);
			List<String> items = new ArrayList<>(lines);
			for (int i = 0; i < lines; i++) {
				items.add(text(random, serial, 5 + random.nextInt(60), 'a'));
			}
			return new Order("order-" + serial, 1_000_000L + serial, Double.valueOf(random.nextDouble()), items);
		}
	},

	MAP {
		@Override
		Object create(SplittableRandom random, long serial) {
			int size = 1 + random.nextInt(40);
			Map<String, Integer> map = new HashMap<>();
			for (int i = 0; i < size; i++) {
				map.put(text(random, serial, 4 + random.nextInt(20), 'a'), Integer.valueOf(100_000 + random.nextInt(1 << 30)));
			}
			return map;
		}
	},

	/**
	 * An invoice as a JSON mapper builds one: a record holding an {@code Instant}, {@code BigDecimal}s
	 * parsed from text, a list grown one line at a time and a map of attributes.
	 */
	INVOICE {
		@Override
		Object create(SplittableRandom random, long serial) {
			int count = 1 + random.nextInt(12);
			List<Line> lines = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				lines.add(new Line(text(random, serial, 6 + random.nextInt(10), 'a'),
						new BigDecimal(random.nextInt(1_000_000) + "." + (10 + random.nextInt(90))), 1 + random.nextInt(9)));
			}
			Map<String, String> attributes = new LinkedHashMap<>();
			for (int i = 0; i < 1 + random.nextInt(4); i++) {
				attributes.put(text(random, serial, 3 + random.nextInt(8), 'a'), text(random, serial, 5 + random.nextInt(30), 'a'));
			}
			return new Invoice("invoice-" + serial, Instant.ofEpochSecond(1_800_000_000L + serial, random.nextInt(1_000_000_000)),
					new BigDecimal(random.nextLong() + "." + random.nextInt(1000)), lines, attributes);
		}
	},

	LONG_ARRAY {
		@Override
		Object create(SplittableRandom random, long serial) {
			return random.longs(1 + random.nextInt(2000)).toArray();
		}
	},

	/** Small boxed values: the entry is mostly the cache's own overhead. */
	SMALL_BOX {
		@Override
		Object create(SplittableRandom random, long serial) {
			return Long.valueOf(1_000_000L + serial);
		}
	};

	/**
	 * Return a new value of this shape, distinct from every value made with another serial.
	 */
	abstract Object create(SplittableRandom random, long serial);

	/**
	 * Return a fresh key: a string that no other key or value shares.
	 */
	static String key(long serial) {
		return "key-" + serial;
	}

	private static String text(SplittableRandom random, long serial, int length, char base) {
		String prefix = serial + ":";
		byte[] noise = new byte[length];
		random.nextBytes(noise);
		char[] chars = new char[prefix.length() + length];
		prefix.getChars(0, prefix.length(), chars, 0);
		for (int i = 0; i < length; i++) {
			chars[prefix.length() + i] = (char) (base + (noise[i] & 31));
		}
		return new String(chars);
	}

	record Order(String id, long amount, Double discount, List<String> lines) {
	}

	record Invoice(String id, Instant issued, BigDecimal total, List<Line> lines, Map<String, String> attributes) {
	}

	record Line(String sku, BigDecimal price, int quantity) {
	}

}
