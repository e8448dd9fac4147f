package dev.vch.vsphere.internal;

import com.vmware.vim25.ArrayOfManagedObjectReference;
import com.vmware.vim25.ArrayOfOptionValue;
import com.vmware.vim25.ArrayOfString;
import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.SelectionSpec;
import dev.vch.vsphere.api.MoRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Property collector reads, converted to plain Java: references become {@link MoRef}s, arrays of
 * references lists, option values sorted maps; anything else is left as yavijava gives it and
 * must not leave the vsphere module.
 */
public final class Props {

  private final Session session;

  public Props(Session session) {
    this.session = session;
  }

  public static ManagedObjectReference mor(MoRef ref) {
    ManagedObjectReference m = new ManagedObjectReference();
    m.setType(ref.type());
    m.setVal(ref.value());
    return m;
  }

  public static MoRef ref(ManagedObjectReference m) {
    return m == null ? null : new MoRef(m.getType(), m.getVal());
  }

  /** Properties of each object (one round trip); objects the server does not know are left out. */
  public Map<MoRef, Map<String, Object>> get(List<MoRef> objects, String... paths) {
    if (objects.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (MoRef o : objects) {
      byType.computeIfAbsent(o.type(), t -> new ArrayList<>());
    }
    List<PropertySpec> propSet = new ArrayList<>();
    for (String type : byType.keySet()) {
      PropertySpec ps = new PropertySpec();
      ps.setType(type);
      ps.setAll(false);
      ps.setPathSet(paths);
      propSet.add(ps);
    }
    List<ObjectSpec> objectSet = new ArrayList<>();
    for (MoRef o : objects) {
      ObjectSpec os = new ObjectSpec();
      os.setObj(mor(o));
      os.setSkip(false);
      objectSet.add(os);
    }
    return retrieve("read " + String.join(", ", paths) + " of " + objects.size() + " object(s)",
        propSet.toArray(new PropertySpec[0]), objectSet.toArray(new ObjectSpec[0]));
  }

  public Map<String, Object> get(MoRef object, String... paths) {
    return get(List.of(object), paths).getOrDefault(object, Map.of());
  }

  /** A traversal read: the given property specs over everything reachable from {@code root}. */
  public Map<MoRef, Map<String, Object>> traverse(String action, MoRef root, SelectionSpec[] selectSet,
      PropertySpec... propSet) {
    ObjectSpec os = new ObjectSpec();
    os.setObj(mor(root));
    os.setSkip(false);
    os.setSelectSet(selectSet);
    return retrieve(action, propSet, new ObjectSpec[] {os});
  }

  private Map<MoRef, Map<String, Object>> retrieve(String action, PropertySpec[] propSet, ObjectSpec[] objectSet) {
    PropertyFilterSpec spec = new PropertyFilterSpec();
    spec.setPropSet(propSet);
    spec.setObjectSet(objectSet);
    ObjectContent[] contents = session.call(action,
        v -> v.retrieveProperties(session.content().getPropertyCollector(), new PropertyFilterSpec[] {spec}));
    Map<MoRef, Map<String, Object>> out = new LinkedHashMap<>();
    if (contents == null) {
      return out;
    }
    for (ObjectContent oc : contents) {
      Map<String, Object> values = new LinkedHashMap<>();
      if (oc.getPropSet() != null) {
        for (DynamicProperty p : oc.getPropSet()) {
          values.put(p.getName(), convert(p.getVal()));
        }
      }
      out.put(ref(oc.getObj()), values);
    }
    return out;
  }

  static Object convert(Object v) {
    if (v instanceof ManagedObjectReference m) {
      return ref(m);
    }
    if (v instanceof ArrayOfManagedObjectReference a) {
      return refs(a.getManagedObjectReference());
    }
    if (v instanceof ManagedObjectReference[] a) {
      return refs(a);
    }
    if (v instanceof ArrayOfOptionValue a) {
      return options(a.getOptionValue());
    }
    if (v instanceof OptionValue[] a) {
      return options(a);
    }
    if (v instanceof ArrayOfString a) {
      return a.getString() == null ? List.of() : Arrays.asList(a.getString());
    }
    return v;
  }

  private static List<MoRef> refs(ManagedObjectReference[] a) {
    List<MoRef> out = new ArrayList<>();
    if (a != null) {
      for (ManagedObjectReference m : a) {
        out.add(ref(m));
      }
    }
    return out;
  }

  private static Map<String, String> options(OptionValue[] a) {
    Map<String, String> out = new TreeMap<>();
    if (a != null) {
      for (OptionValue o : a) {
        out.put(o.getKey(), o.getValue() == null ? "" : String.valueOf(o.getValue()));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  public static List<MoRef> refList(Map<String, Object> props, String key) {
    Object v = props.get(key);
    return v instanceof List<?> l ? (List<MoRef>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, String> optionMap(Map<String, Object> props, String key) {
    Object v = props.get(key);
    return v instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
  }

  public static String str(Map<String, Object> props, String key) {
    Object v = props.get(key);
    return v == null ? null : String.valueOf(v);
  }
}
