package dev.vch.vsphere.internal;

import com.vmware.vim25.ManagedObjectReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.Attribute;
import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.dom4j.io.XMLWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a vim25 response parseable by yavijava's model when the server is newer than the model:
 * drops elements naming properties the model lacks, drops values typed with classes the model
 * lacks (or, where the declared type can stand in, forgets the xsi:type), and drops enum values
 * the model does not know. It walks the document with the same type rules yavijava uses to
 * read it, so what survives is exactly what yavijava can map.
 */
public final class ResponsePruner {

  private static final Logger log = LoggerFactory.getLogger(ResponsePruner.class);
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final String VIM_PACKAGE = "com.vmware.vim25.";
  private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();
  private static final Class<?> MISSING = Void.class;

  private ResponsePruner() {}

  public static byte[] prune(String returnType, InputStream in) throws IOException {
    Document doc;
    try {
      SAXReader reader = SAXReader.createDefault();
      doc = reader.read(in);
    } catch (DocumentException e) {
      throw new IOException("the server's answer is not XML: " + e.getMessage(), e);
    } finally {
      in.close();
    }
    Element root = doc.getRootElement();
    List<Element> bodies = root.elements();
    if (!bodies.isEmpty() && !bodies.get(0).elements().isEmpty()) {
      Element resp = bodies.get(0).elements().get(0);
      if (resp.getName().contains("Fault")) {
        pruneFault(resp);
      } else if (returnType != null) {
        pruneReturn(returnType, resp);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    XMLWriter writer = new XMLWriter(out);
    writer.write(doc);
    writer.flush();
    return out.toByteArray();
  }

  private static void pruneFault(Element fault) {
    Element detail = fault.element("detail");
    if (detail == null || detail.elements().isEmpty()) {
      return;
    }
    Element f = detail.elements().get(0);
    String type = xsiType(f);
    if (type == null) {
      return;
    }
    Class<?> c = vimClass(type);
    if (c == null) {
      // an unknown fault type: the fault string still reaches the caller
      log.debug("dropping fault detail of unknown type {}", type);
      f.detach();
    } else {
      pruneObject(c, f);
    }
  }

  private static void pruneReturn(String type, Element resp) {
    List<Element> values = resp.elements();
    if (values.isEmpty() || type.startsWith("ManagedObjectReference") || isBasic(type)) {
      return;
    }
    if (type.endsWith("[]")) {
      Class<?> item = vimClass(type.substring(0, type.length() - 2));
      for (Element e : new ArrayList<>(values)) {
        Class<?> c = typeOf(e, item);
        if (c == null) {
          e.detach();
        } else {
          pruneObject(c, e);
        }
      }
    } else {
      Class<?> c = vimClass(type);
      if (c != null) {
        pruneObject(typeOf(values.get(0), c), values.get(0));
      }
    }
  }

  /** The class to read {@code e} as: its known xsi:type, else the declared one; null = drop. */
  private static Class<?> typeOf(Element e, Class<?> declared) {
    String x = xsiType(e);
    if (x == null || x.startsWith("xsd:")) {
      return declared;
    }
    Class<?> c = vimClass(x);
    if (c != null) {
      return c;
    }
    if (declared == null || declared == Object.class) {
      return null;
    }
    // a subtype newer than the model: read it as the declared (older) type
    Attribute a = xsiAttribute(e);
    e.remove(a);
    log.debug("reading unknown type {} as {}", x, declared.getSimpleName());
    return declared;
  }

  private static void pruneObject(Class<?> clazz, Element node) {
    if (clazz == null || clazz == ManagedObjectReference.class || isBasic(clazz)) {
      return;
    }
    for (Element e : new ArrayList<>(node.elements())) {
      Field field = field(clazz, e.getName());
      if (field == null) {
        log.debug("dropping property {}.{} unknown to the model", clazz.getSimpleName(), e.getName());
        e.detach();
        continue;
      }
      Class<?> declared = field.getType().isArray() ? field.getType().getComponentType() : field.getType();
      Class<?> real = typeOf(e, declared);
      if (real == null) {
        log.debug("dropping {}.{}: value of unknown type {}", clazz.getSimpleName(), e.getName(), xsiType(e));
        e.detach();
      } else if (real.isEnum()) {
        if (!enumKnows(real, e.getTextTrim())) {
          log.debug("dropping {}.{}: enum value {} unknown to the model", clazz.getSimpleName(), e.getName(),
              e.getTextTrim());
          e.detach();
        }
      } else if (real != ManagedObjectReference.class && !isBasic(real)) {
        pruneObject(real, e);
      }
    }
  }

  private static boolean enumKnows(Class<?> enumClass, String value) {
    for (Object c : enumClass.getEnumConstants()) {
      if (((Enum<?>) c).name().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static Field field(Class<?> clazz, String name) {
    try {
      return clazz.getField(name);
    } catch (NoSuchFieldException e) {
      try {
        return clazz.getField("_" + name);
      } catch (NoSuchFieldException e2) {
        return null;
      }
    }
  }

  private static Attribute xsiAttribute(Element e) {
    for (Attribute a : e.attributes()) {
      if ("type".equals(a.getName()) && (XSI.equals(a.getNamespaceURI()) || "xsi".equals(a.getNamespacePrefix()))) {
        return a;
      }
    }
    return null;
  }

  private static String xsiType(Element e) {
    Attribute a = xsiAttribute(e);
    return a == null ? null : a.getValue();
  }

  static Class<?> vimClass(String type) {
    Class<?> c = CLASSES.computeIfAbsent(type, t -> {
      try {
        return Class.forName(VIM_PACKAGE + t);
      } catch (ClassNotFoundException e) {
        return MISSING;
      }
    });
    return c == MISSING ? null : c;
  }

  private static boolean isBasic(String type) {
    String t = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
    return switch (t) {
      case "String", "string", "int", "Integer", "long", "Long", "boolean", "Boolean", "short", "Short",
          "byte", "Byte", "float", "Float", "double", "Double", "Calendar", "dateTime" -> true;
      default -> false;
    };
  }

  private static boolean isBasic(Class<?> c) {
    return c.isPrimitive() || c.getPackageName().equals("java.lang") || Calendar.class.isAssignableFrom(c);
  }
}
