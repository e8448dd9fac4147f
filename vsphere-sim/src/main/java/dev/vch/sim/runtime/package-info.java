/**
 * The VM runtimes of the embedded vSphere endpoint: what makes a simulated VM really run.
 *
 * <p>Public API (used by the simulator's VM model): {@link dev.vch.sim.runtime.VmRuntimes},
 * {@link dev.vch.sim.runtime.VmLaunch} with its {@link dev.vch.sim.runtime.DiskAttachment},
 * {@link dev.vch.sim.runtime.NicAttachment} and {@link dev.vch.sim.runtime.SerialAttachment},
 * {@link dev.vch.sim.runtime.RunningVm}, {@link dev.vch.sim.runtime.GuestInfoStore} and
 * {@link dev.vch.sim.runtime.VmRuntimeException}. Everything else is internal: the qemu command
 * line ({@code QemuCommand}), QMP, the guestinfo server (host side of
 * docs/design/guestinfo-channel.md), the portgroup switches, the ISO cache and the host-process
 * runtime. Design: docs/design/vm-runtime.md.
 */
package dev.vch.sim.runtime;
