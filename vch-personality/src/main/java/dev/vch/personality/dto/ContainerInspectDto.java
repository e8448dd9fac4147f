package dev.vch.personality.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code GET /containers/{id}/json}. */
public record ContainerInspectDto(
        @JsonProperty("Id") String id,
        @JsonProperty("Created") String created,
        @JsonProperty("Path") String path,
        @JsonProperty("Args") List<String> args,
        @JsonProperty("State") State state,
        @JsonProperty("Image") String image,
        @JsonProperty("ResolvConfPath") String resolvConfPath,
        @JsonProperty("HostnamePath") String hostnamePath,
        @JsonProperty("HostsPath") String hostsPath,
        @JsonProperty("LogPath") String logPath,
        @JsonProperty("Name") String name,
        @JsonProperty("RestartCount") int restartCount,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Platform") String platform,
        @JsonProperty("MountLabel") String mountLabel,
        @JsonProperty("ProcessLabel") String processLabel,
        @JsonProperty("AppArmorProfile") String appArmorProfile,
        @JsonProperty("HostConfig") HostConfigDto hostConfig,
        @JsonProperty("Mounts") List<Object> mounts,
        @JsonProperty("Config") ContainerConfigDto config,
        @JsonProperty("NetworkSettings") NetworkSettings networkSettings) {

    public record State(@JsonProperty("Status") String status, @JsonProperty("Running") boolean running,
                        @JsonProperty("Paused") boolean paused, @JsonProperty("Restarting") boolean restarting,
                        @JsonProperty("OOMKilled") boolean oomKilled, @JsonProperty("Dead") boolean dead,
                        @JsonProperty("Pid") int pid, @JsonProperty("ExitCode") int exitCode,
                        @JsonProperty("Error") String error, @JsonProperty("StartedAt") String startedAt,
                        @JsonProperty("FinishedAt") String finishedAt) {
    }

    public record NetworkSettings(@JsonProperty("Ports") Map<String, List<HostConfigDto.PortBinding>> ports,
                                  @JsonProperty("IPAddress") String ipAddress,
                                  @JsonProperty("IPPrefixLen") int ipPrefixLen,
                                  @JsonProperty("Gateway") String gateway,
                                  @JsonProperty("MacAddress") String macAddress,
                                  @JsonProperty("Networks") Map<String, Endpoint> networks) {
    }

    public record Endpoint(@JsonProperty("NetworkID") String networkId, @JsonProperty("EndpointID") String endpointId,
                           @JsonProperty("Gateway") String gateway, @JsonProperty("IPAddress") String ipAddress,
                           @JsonProperty("IPPrefixLen") int ipPrefixLen,
                           @JsonProperty("MacAddress") String macAddress) {
    }
}
