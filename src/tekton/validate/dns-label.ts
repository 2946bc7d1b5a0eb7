// Kubernetes' validation.IsDNS1123Label, which Tekton asks of pipeline task names, step names
// and the step named in a Task result's `value`.
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_LABEL_MAX_LENGTH = 63;

export function isDns1123Label(name: string): boolean {
  return name.length <= DNS_1123_LABEL_MAX_LENGTH && DNS_1123_LABEL.test(name);
}
