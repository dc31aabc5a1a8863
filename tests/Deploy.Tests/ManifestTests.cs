using OrleansGossip.Silo.Health;
using Xunit;

namespace OrleansGossip.Deploy.Tests;

/// <summary>
/// deploy/k8s holds together: known kinds, selectors that select, probes and services on ports the containers
/// expose, the RBAC Orleans' Kubernetes hosting needs, keys of ConfigMaps and Secrets that exist, the HPA on the silos,
/// and the names shared with infra/bicep.
/// </summary>
public sealed class ManifestTests
{
    private static readonly HashSet<(string, string)> KnownKinds =
    [
        ("v1", "Namespace"), ("v1", "ServiceAccount"), ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "Service"),
        ("apps/v1", "Deployment"), ("autoscaling/v2", "HorizontalPodAutoscaler"), ("networking.k8s.io/v1", "Ingress"),
        ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "RoleBinding"),
        ("approuting.kubernetes.azure.com/v1alpha1", "NginxIngressController"),
    ];

    private readonly IReadOnlyList<Manifest> _all = Manifest.LoadAll();

    [Fact]
    public void EveryObjectIsOfAKnownApiVersionAndKindAndNamed()
    {
        Assert.NotEmpty(_all);
        foreach (var manifest in _all)
        {
            Assert.True(KnownKinds.Contains((manifest.ApiVersion, manifest.Kind)), $"{manifest}: unknown apiVersion/kind {manifest.ApiVersion} {manifest.Kind}");
            Assert.False(string.IsNullOrWhiteSpace(manifest.Name), $"{manifest.File}: an object without metadata.name");
        }

        var duplicates = _all.GroupBy(m => (m.Kind, m.Name)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"objects defined twice: {string.Join(", ", duplicates)}");
    }

    [Fact]
    public void TheKustomizationListsEveryManifestButTheSecretTemplate()
    {
        var kustomization = Manifest.Load(Repository.PathOf("deploy", "k8s", "kustomization.yaml")).Single();
        var listed = kustomization["resources"].Items.Select(i => i.Text).ToHashSet();
        var files = _all.Select(m => m.File).Distinct().Where(f => !f.Contains(".template.", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(files.Order(), listed.Order());
        Assert.DoesNotContain(listed, f => f.Contains("secret", StringComparison.OrdinalIgnoreCase));

        var images = kustomization["images"].Items.Select(i => i["name"].Text).ToHashSet();
        foreach (var deployment in Of("Deployment"))
        {
            foreach (var container in Containers(deployment))
            {
                Assert.True(images.Contains(container["image"].Text), $"{deployment}: image {container["image"].Text} is not in kustomization.yaml's images, so 'kustomize edit set image' cannot point it at the registry");
            }
        }
    }

    [Fact]
    public void DeploymentSelectorsSelectTheirOwnPods()
    {
        foreach (var deployment in Of("Deployment"))
        {
            var selector = deployment.Root["spec"]["selector"]["matchLabels"].Strings;
            var labels = PodLabels(deployment);
            Assert.NotEmpty(selector);
            foreach (var (key, value) in selector)
            {
                Assert.True(labels.TryGetValue(key, out var actual) && actual == value, $"{deployment}: selector {key}={value} does not match its pod template's labels");
            }
        }
    }

    [Fact]
    public void ServicesSelectExactlyOneDeploymentOnAPortItsContainersExpose()
    {
        foreach (var service in Of("Service"))
        {
            var selector = service.Root["spec"]["selector"].Strings;
            var selected = Of("Deployment").Where(d => selector.All(s => PodLabels(d).TryGetValue(s.Key, out var v) && v == s.Value)).ToList();
            Assert.True(selected.Count == 1, $"{service} selects {selected.Count} deployments");
            var ports = ContainerPorts(selected[0]);
            foreach (var port in service.Root["spec"]["ports"].Items)
            {
                var target = port["targetPort"].Text;
                Assert.True(ports.ContainsKey(target) || ports.Values.Contains(target), $"{service}: targetPort {target} is no port of {selected[0]}");
            }
        }
    }

    [Fact]
    public void EveryProbeCallsAPortTheContainerExposes()
    {
        foreach (var deployment in Of("Deployment"))
        {
            foreach (var container in Containers(deployment))
            {
                var ports = container["ports"].Items.ToDictionary(p => p["name"].Text, p => p["containerPort"].Text);
                Assert.True(container["livenessProbe"].Exists, $"{deployment}: no livenessProbe");
                Assert.True(container["readinessProbe"].Exists, $"{deployment}: no readinessProbe");
                foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" }.Select(p => (p, container[p])).Where(p => p.Item2.Exists))
                {
                    var port = probe.Item2["httpGet"]["port"].Text;
                    Assert.True(ports.ContainsKey(port) || ports.ContainsValue(port), $"{deployment}: {probe.p} calls port {port}, which the container does not expose");
                    Assert.StartsWith("/", probe.Item2["httpGet"]["path"].Text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void TheSiloProbesAreTheHealthEndpointsOfTheSilo()
    {
        var silo = Silo();
        var container = Containers(silo).Single();
        var defaults = new SiloHealthOptions();
        Assert.Equal(defaults.LivePath, container["livenessProbe"]["httpGet"]["path"].Text);
        Assert.Equal(defaults.ReadyPath, container["readinessProbe"]["httpGet"]["path"].Text);

        var healthPort = Env(container).Single(e => e["name"].Text == "Health__Port")["value"].Text;
        var probePort = container["readinessProbe"]["httpGet"]["port"].Text;
        Assert.Equal(healthPort, ContainerPorts(silo).GetValueOrDefault(probePort, probePort));
    }

    [Fact]
    public void TheSiloRoleGrantsWhatOrleansKubernetesHostingNeeds()
    {
        var silo = Silo();
        var account = silo.Root["spec"]["template"]["spec"]["serviceAccountName"].Text;
        Assert.Contains(Of("ServiceAccount"), a => a.Name == account);

        var binding = Assert.Single(Of("RoleBinding"), b => b.Root["subjects"].Items.Any(s => s["kind"].Text == "ServiceAccount" && s["name"].Text == account));
        Assert.Equal("Role", binding.Root["roleRef"]["kind"].Text);
        var role = Assert.Single(Of("Role"), r => r.Name == binding.Root["roleRef"]["name"].Text);

        // Orleans.Hosting.Kubernetes watches the pods of its cluster and deletes those of dead silos.
        var granted = role.Root["rules"].Items
            .Where(r => r["apiGroups"].Items.Any(g => g.Text.Length == 0) && r["resources"].Items.Any(x => x.Text == "pods"))
            .SelectMany(r => r["verbs"].Items.Select(v => v.Text))
            .ToHashSet();
        foreach (var verb in new[] { "get", "list", "watch", "delete", "patch" })
        {
            Assert.True(granted.Contains(verb), $"{role} does not grant '{verb}' on pods");
        }

        Assert.DoesNotContain("*", granted);
        Assert.DoesNotContain(Of("Role").SelectMany(r => r.Root["rules"].Items).SelectMany(r => r["resources"].Items), r => r.Text is "secrets" or "*");
    }

    [Fact]
    public void TheSiloPodsGiveKubernetesHostingItsVariablesAndLabels()
    {
        var silo = Silo();
        var env = Env(Containers(silo).Single()).ToDictionary(e => e["name"].Text);
        Assert.Equal("metadata.name", env["POD_NAME"]["valueFrom"]["fieldRef"]["fieldPath"].Text);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"]["valueFrom"]["fieldRef"]["fieldPath"].Text);
        Assert.Equal("status.podIP", env["POD_IP"]["valueFrom"]["fieldRef"]["fieldPath"].Text);

        var labels = PodLabels(silo);
        foreach (var (variable, label) in new[] { ("ORLEANS_SERVICE_ID", "orleans/serviceId"), ("ORLEANS_CLUSTER_ID", "orleans/clusterId") })
        {
            Assert.Equal($"metadata.labels['{label}']", env[variable]["valueFrom"]["fieldRef"]["fieldPath"].Text);
            Assert.True(labels.ContainsKey(label), $"the silo pods have no label {label}");
        }

        // The clients (Gateway, Dashboard) must join the same cluster the labels name.
        var config = ConfigMap("orleansgossip-config");
        Assert.Equal(labels["orleans/clusterId"], config["Clustering__ClusterId"]);
        Assert.Equal(labels["orleans/serviceId"], config["Clustering__ServiceId"]);
    }

    [Fact]
    public void EveryReferencedConfigMapAndSecretKeyExists()
    {
        foreach (var deployment in Of("Deployment"))
        {
            var spec = deployment.Root["spec"]["template"]["spec"];
            foreach (var container in Containers(deployment))
            {
                foreach (var source in container["envFrom"].Items)
                {
                    Assert.True(Of("ConfigMap").Any(c => c.Name == source["configMapRef"]["name"].TextOrNull), $"{deployment}: envFrom names a ConfigMap that does not exist");
                }

                foreach (var variable in Env(container))
                {
                    var from = variable["valueFrom"];
                    if (from["secretKeyRef"].Exists)
                    {
                        AssertKey("Secret", from["secretKeyRef"]["name"].Text, from["secretKeyRef"]["key"].Text, $"{deployment} env {variable["name"].Text}");
                    }

                    if (from["configMapKeyRef"].Exists)
                    {
                        AssertKey("ConfigMap", from["configMapKeyRef"]["name"].Text, from["configMapKeyRef"]["key"].Text, $"{deployment} env {variable["name"].Text}");
                    }
                }

                var mounted = container["volumeMounts"].Items.Select(m => m["name"].Text).ToHashSet();
                var volumes = spec["volumes"].Items.Select(v => v["name"].Text).ToHashSet();
                Assert.True(mounted.IsSubsetOf(volumes), $"{deployment}: mounts a volume it does not define");
            }

            foreach (var volume in spec["volumes"].Items.Where(v => v["secret"].Exists))
            {
                foreach (var item in volume["secret"]["items"].Items)
                {
                    AssertKey("Secret", volume["secret"]["secretName"].Text, item["key"].Text, $"{deployment} volume {volume["name"].Text}");
                }
            }
        }
    }

    [Fact]
    public void TheTlsPathsOfTheConfigMapAreWhereTheCertificatesAreMounted()
    {
        var config = ConfigMap("orleansgossip-config");
        foreach (var deployment in Of("Deployment"))
        {
            var spec = deployment.Root["spec"]["template"]["spec"];
            var container = Containers(deployment).Single();
            var mount = container["volumeMounts"].Items.Single(m => m["name"].Text == "tls")["mountPath"].Text;
            var files = spec["volumes"].Items.Single(v => v["name"].Text == "tls")["secret"]["items"].Items.Select(i => $"{mount}/{i["path"].Text}").ToHashSet();
            foreach (var setting in new[] { "Tls__CertificatePath", "Tls__KeyPath", "Tls__CaCertificatePath" })
            {
                Assert.True(files.Contains(config[setting]), $"{deployment}: {setting}={config[setting]} is not a mounted file ({string.Join(", ", files)})");
            }
        }
    }

    [Fact]
    public void PodsRunAsTheImagesNonRootUser()
    {
        foreach (var deployment in Of("Deployment"))
        {
            var security = deployment.Root["spec"]["template"]["spec"]["securityContext"];
            Assert.Equal("true", security["runAsNonRoot"].Text);
            var component = PodLabels(deployment)["app.kubernetes.io/component"];
            var dockerfile = Dockerfile.Parse(Repository.PathOf("src", char.ToUpperInvariant(component[0]) + component[1..], "Dockerfile"));
            Assert.Equal(dockerfile.Stages[^1].Last("USER"), security["runAsUser"].Text);
        }
    }

    [Fact]
    public void TheAutoscalerScalesTheSiloDeploymentOnCpuItRequests()
    {
        var hpa = Assert.Single(Of("HorizontalPodAutoscaler"));
        var target = hpa.Root["spec"]["scaleTargetRef"];
        var silo = Silo();
        Assert.Equal(("apps/v1", "Deployment", silo.Name), (target["apiVersion"].Text, target["kind"].Text, target["name"].Text));
        var min = int.Parse(hpa.Root["spec"]["minReplicas"].Text);
        var max = int.Parse(hpa.Root["spec"]["maxReplicas"].Text);
        Assert.InRange(min, 1, max);
        Assert.InRange(int.Parse(silo.Root["spec"]["replicas"].Text), min, max);
        Assert.Contains(hpa.Root["spec"]["metrics"].Items, m => m["resource"]["name"].TextOrNull == "cpu");
        Assert.True(Containers(silo).Single()["resources"]["requests"]["cpu"].Exists, "CPU utilization needs a CPU request on the silo container");
    }

    [Fact]
    public void TheIngressRoutesToServicesThatExistOnTheAddressBicepMakes()
    {
        var ingress = Assert.Single(Of("Ingress"));
        var controller = Assert.Single(Of("NginxIngressController"));
        Assert.Equal(controller.Root["spec"]["ingressClassName"].Text, ingress.Root["spec"]["ingressClassName"].Text);

        var routed = new Dictionary<string, string>();
        foreach (var path in ingress.Root["spec"]["rules"].Items.SelectMany(r => r["http"]["paths"].Items))
        {
            var backend = path["backend"]["service"];
            var service = Assert.Single(Of("Service"), s => s.Name == backend["name"].Text);
            Assert.Contains(service.Root["spec"]["ports"].Items, p => p["name"].TextOrNull == backend["port"]["name"].TextOrNull);
            routed[path["path"].Text] = service.Name;
        }

        Assert.Equal("orleansgossip-gateway", routed["/api"]);
        Assert.Equal("orleansgossip-dashboard", routed["/"]);

        // The controller's load balancer takes the public IP that infra/bicep makes in the node resource group.
        var ipName = controller.Root["spec"]["loadBalancerAnnotations"]["service.beta.kubernetes.io/azure-pip-name"].Text;
        Assert.Contains($"name: '{ipName}'", Repository.ReadText("infra", "bicep", "main.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void SilosRunOnTheNodePoolBicepLabels()
    {
        var selector = Silo().Root["spec"]["template"]["spec"]["nodeSelector"].Strings;
        var (key, value) = Assert.Single(selector);
        Assert.Contains($"'{key}': '{value}'", Repository.ReadText("infra", "bicep", "modules", "aks.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void SecretTemplatesHoldPlaceholdersOnly()
    {
        foreach (var secret in Of("Secret"))
        {
            Assert.Contains(".template.", secret.File, StringComparison.Ordinal);
            foreach (var (key, value) in secret.Root["stringData"].Strings)
            {
                Assert.True(value.StartsWith("REPLACE-WITH-", StringComparison.Ordinal), $"{secret}: {key} holds a value, not a placeholder");
            }

            Assert.False(secret.Root["data"].Exists, $"{secret}: data (base64) in a template");
        }
    }

    private IEnumerable<Manifest> Of(string kind) => _all.Where(m => m.Kind == kind);

    private Manifest Silo() => Assert.Single(Of("Deployment"), d => PodLabels(d).GetValueOrDefault("app.kubernetes.io/component") == "silo");

    private IReadOnlyDictionary<string, string> ConfigMap(string name) => Assert.Single(Of("ConfigMap"), c => c.Name == name).Root["data"].Strings;

    private void AssertKey(string kind, string name, string key, string where)
    {
        var source = _all.SingleOrDefault(m => m.Kind == kind && m.Name == name);
        Assert.True(source is not null, $"{where}: no {kind} {name}");
        var keys = source.Root[kind == "Secret" ? "stringData" : "data"].Map.Keys;
        Assert.True(keys.Contains(key), $"{where}: {kind} {name} has no key '{key}' (it has {string.Join(", ", keys)})");
    }

    internal static IReadOnlyList<Node> Containers(Manifest deployment) => deployment.Root["spec"]["template"]["spec"]["containers"].Items;

    internal static IReadOnlyList<Node> Env(Node container) => container["env"].Items;

    internal static IReadOnlyDictionary<string, string> PodLabels(Manifest deployment) => deployment.Root["spec"]["template"]["metadata"]["labels"].Strings;

    /// <summary>Port name to number, over all containers of the pod.</summary>
    internal static IReadOnlyDictionary<string, string> ContainerPorts(Manifest deployment) =>
        Containers(deployment).SelectMany(c => c["ports"].Items).ToDictionary(p => p["name"].Text, p => p["containerPort"].Text);
}
