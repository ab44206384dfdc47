package com.usagetap.compression.toon;

import com.usagetap.compression.toon.JsonText.Literal;
import com.usagetap.compression.toon.JsonText.NumberText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Seeded random JSON documents that reach every TOON form: nested objects, inline primitive arrays,
 * arrays of arrays, mixed lists, tabular arrays and keyed objects (with nested field groups), and
 * near misses of those two that must fall back to list or nested form. Values are lists, {@link
 * LinkedHashMap}s, strings and {@link JsonText} numbers and literals; {@link JsonText} writes them.
 */
final class RandomDocuments {
  private static final int MAX_DEPTH = 4;

  private final SplittableRandom random;
  private final RandomText text;

  RandomDocuments(long seed) {
    this.random = new SplittableRandom(seed);
    this.text = new RandomText(random);
  }

  /** A document: mostly an object at the root, sometimes an array or a primitive. */
  Object document() {
    return random.nextInt(10) < 6 ? object(0) : value(0);
  }

  private Object value(int depth) {
    if (depth >= MAX_DEPTH) {
      return primitive();
    }
    int roll = random.nextInt(100);
    if (roll < 35) {
      return primitive();
    } else if (roll < 50) {
      return object(depth);
    } else if (roll < 60) {
      return primitives(random.nextInt(7));
    } else if (roll < 72) {
      return uniformRows(depth);
    } else if (roll < 80) {
      return keyedObject(depth);
    } else if (roll < 87) {
      return arrayOfArrays(depth);
    } else if (roll < 97) {
      return mixed(depth);
    }
    return random.nextBoolean() ? new ArrayList<>() : new LinkedHashMap<>();
  }

  private Object primitive() {
    int roll = random.nextInt(20);
    if (roll < 10) {
      return text.string();
    } else if (roll < 17) {
      return new NumberText(text.number());
    }
    return switch (random.nextInt(3)) {
      case 0 -> Literal.TRUE;
      case 1 -> Literal.FALSE;
      default -> Literal.NULL;
    };
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> object = new LinkedHashMap<>();
    int size = random.nextInt(6);
    for (int i = 0; i < size; i++) {
      object.put(text.key(), value(depth + 1));
    }
    return object;
  }

  private List<Object> primitives(int size) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      list.add(primitive());
    }
    return list;
  }

  private List<Object> arrayOfArrays(int depth) {
    List<Object> list = new ArrayList<>();
    int size = 1 + random.nextInt(4);
    for (int i = 0; i < size; i++) {
      list.add(primitives(random.nextInt(5)));
    }
    if (random.nextInt(4) == 0) {
      list.add(random.nextInt(list.size() + 1), value(depth + 1));
    }
    return list;
  }

  private List<Object> mixed(int depth) {
    List<Object> list = new ArrayList<>();
    int size = 1 + random.nextInt(5);
    for (int i = 0; i < size; i++) {
      list.add(random.nextBoolean() ? object(depth + 1) : value(depth + 1));
    }
    return list;
  }

  /** Objects of one shape, the tabular form's input, sometimes broken in one place. */
  private List<Object> uniformRows(int depth) {
    Map<String, Object> shape = shape(0);
    List<Object> rows = new ArrayList<>();
    int count = 1 + random.nextInt(5);
    for (int i = 0; i < count; i++) {
      rows.add(fill(shape));
    }
    if (random.nextInt(5) == 0) {
      breakOne(rows, depth);
    }
    return rows;
  }

  /** An object whose values share one shape, the keyed form's input, sometimes broken. */
  private Map<String, Object> keyedObject(int depth) {
    Map<String, Object> shape = shape(0);
    List<Object> values = new ArrayList<>();
    int count = random.nextInt(8) == 0 ? 1 : 2 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      values.add(fill(shape));
    }
    if (random.nextInt(5) == 0) {
      breakOne(values, depth);
    }
    Map<String, Object> object = new LinkedHashMap<>();
    for (Object value : values) {
      object.put(text.key(), value);
    }
    return object;
  }

  /** Keys mapped to null for a primitive column or to a nested shape for an object column. */
  private Map<String, Object> shape(int level) {
    Map<String, Object> shape = new LinkedHashMap<>();
    int size = 1 + random.nextInt(4);
    for (int i = 0; i < size; i++) {
      boolean nested = level < 2 && random.nextInt(5) == 0;
      shape.put(text.key(), nested ? shape(level + 1) : null);
    }
    return shape;
  }

  /** A row of {@code shape}, its keys in shape order or, at times, shuffled. */
  private Map<String, Object> fill(Map<String, Object> shape) {
    List<String> keys = new ArrayList<>(shape.keySet());
    if (random.nextInt(4) == 0) {
      Collections.shuffle(keys, new Random(random.nextLong()));
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (String key : keys) {
      Object column = shape.get(key);
      row.put(key, column == null ? primitive() : fill(castShape(column)));
    }
    return row;
  }

  /** Changes one row so that the rows no longer share a tabular shape (or, by chance, still do). */
  @SuppressWarnings("unchecked")
  private void breakOne(List<Object> rows, int depth) {
    int index = random.nextInt(rows.size());
    Map<String, Object> row = (Map<String, Object>) rows.get(index);
    String someKey = row.keySet().iterator().next();
    switch (random.nextInt(6)) {
      case 0 -> row.remove(someKey);
      case 1 -> row.put(text.key(), primitive());
      case 2 -> row.put(someKey, new ArrayList<>(List.of(primitive())));
      case 3 -> row.put(someKey, new LinkedHashMap<>());
      case 4 -> row.put(someKey, value(depth + 1));
      default -> rows.set(index, random.nextBoolean() ? new LinkedHashMap<>() : primitive());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castShape(Object column) {
    return (Map<String, Object>) column;
  }
}
