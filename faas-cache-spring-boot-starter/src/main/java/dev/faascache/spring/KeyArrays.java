/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads the elements of a key in its text in a remote cache (see
 * {@link SecondLevelKeys}): a JSON array of strings, the text of each element, with no
 * whitespace, and no escape but {@code \"} and {@code \\}: {@code ["eu","#java.lang.Long:42"]}.
 * Reading accepts that form only, in one pass over the text.
 */
final class KeyArrays {

	private KeyArrays() {
	}

	/**
	 * Return the JSON array of the texts of the elements, {@code #null} for a {@code null}.
	 * @throws IllegalArgumentException if an element has no text
	 */
	static String write(Object[] elements) {
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < elements.length; i++) {
			text.append((i > 0) ? "," : "").append('"');
			String element = (elements[i] != null) ? SecondLevelKeys.encode(elements[i]) : "#null";
			for (int c = 0; c < element.length(); c++) {
				char character = element.charAt(c);
				if (character == '"' || character == '\\') {
					text.append('\\');
				}
				text.append(character);
			}
			text.append('"');
		}
		return text.append(']').toString();
	}

	/**
	 * Return the texts of the elements of the array, as {@link #write(Object[])} writes it.
	 * @throws IllegalArgumentException if the text is not such an array
	 */
	static List<String> read(String array) {
		int end = array.length() - 1;
		if (end < 1 || array.charAt(0) != '[' || array.charAt(end) != ']') {
			throw malformed(array, "not in [ ]");
		}
		List<String> elements = new ArrayList<>();
		int i = 1;
		while (i < end) {
			if (array.charAt(i) != '"') {
				throw malformed(array, "expected \" at " + i);
			}
			StringBuilder element = new StringBuilder();
			i++;
			while (true) {
				if (i >= end) {
					throw malformed(array, "unterminated string");
				}
				char character = array.charAt(i++);
				if (character == '"') {
					break;
				}
				if (character == '\\') {
					character = (i < end) ? array.charAt(i++) : 0;
					if (character != '"' && character != '\\') {
						throw malformed(array, "escape other than \\\" or \\\\ at " + (i - 2));
					}
				}
				element.append(character);
			}
			elements.add(element.toString());
			if (i < end && (array.charAt(i) != ',' || ++i == end)) {
				throw malformed(array, "expected , between elements at " + i);
			}
		}
		return elements;
	}

	private static IllegalArgumentException malformed(String array, String reason) {
		return new IllegalArgumentException(
				"Not a JSON array of the texts of a key's elements (" + reason + "): " + SecondLevelKeys.shown(array));
	}

}
