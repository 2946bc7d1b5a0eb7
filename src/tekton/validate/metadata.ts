// A resource's own name (validate.ObjectMetadata, the first check of Pipeline.Validate,
// PipelineRun.Validate and Task.Validate): a DNS-1123 subdomain, and no longer than a DNS
// label (63), reported at `metadata.name`. A name the loader made from generateName is not
// checked: the API server adds its random suffix before the webhook sees it.
import type { TektonResource } from '../resource.js';
import { FieldPath, type Reporter } from './report.js';

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1123_SUBDOMAIN_MAX_LENGTH = 253;
const MAX_NAME_LENGTH = 63;

export function validateObjectMetadata(resource: TektonResource, reporter: Reporter): void {
  const { name, generateName } = resource.metadata;
  if (typeof generateName === 'string' && name === generateName.replace(/-+$/, '')) return;
  const path = FieldPath.parse('metadata.name');
  if (name.length > DNS_1123_SUBDOMAIN_MAX_LENGTH || !DNS_1123_SUBDOMAIN.test(name)) {
    reporter.error(`invalid resource name "${name}": must be a valid DNS label`, path);
  } else if (name.length > MAX_NAME_LENGTH) {
    reporter.error('Invalid resource name: length must be no more than 63 characters', path);
  }
}
