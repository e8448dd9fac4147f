package dev.vch.sim.mo;

import dev.vch.sim.core.Sim;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.vim.MoRef;

/** A manager the simulator lists in ServiceContent but does not implement: every method is MethodNotFound. */
public final class GenericService extends ManagedObject {
    public GenericService(Sim sim, MoRef ref) {
        super(sim, ref);
    }
}
