// The panel's body: every field of the job in sections (summary, delivery, snapshot timestamp, hashes, links,
// fields this extension does not know), each absent field with the reason, then the raw JSON (token masked).
// Over 300 lines because it is a table of every field of a restore job, each with the reason it may be absent.

import type * as vscode from 'vscode';
import {
  type ExtraFields,
  type Link,
  MAX_DOWNLOADS_LIMIT,
  type RestoreJob,
  type RestoreJobDelivery,
  type RestoreJobHash,
} from '../opsManager/api';
import {
  absent,
  copyable,
  copyButton,
  dateField,
  field,
  idField,
  jsonText,
  section,
  statusBadge,
  yesNo,
  type RenderContext,
} from './elements';
import { displayText, escapeHtml, isWebUrl } from '../core/escape';
import { downloadsLeftText } from './summaryText';

/** Every field of the job, grouped in sections, then the raw JSON. */
export function renderBody(job: RestoreJob, ctx: RenderContext): string {
  return [
    summarySection(job, ctx),
    deliverySection(job.delivery, ctx),
    timestampSection(job, ctx),
    hashesSection(job.hashes, ctx),
    linksSection(job.links, ctx),
    otherSection(job, ctx),
    rawSection(job, ctx),
  ].join('\n');
}

function summarySection(job: RestoreJob, ctx: RenderContext): string {
  const { l10n } = ctx;
  const encryption = job.encryptionEnabled;
  const masterKeyWhy =
    encryption === true
      ? l10n.t('Not sent, although encryption is enabled.')
      : l10n.t('Only present when the snapshot data is encrypted (encryptionEnabled is true).');
  const fields = [
    field(
      'statusName',
      l10n.t('Status'),
      job.statusName === undefined
        ? absent(l10n.t('Ops Manager did not send a job status.'))
        : statusBadge(job.statusName, 'job', l10n),
    ),
    dateField(
      'created',
      l10n.t('Created'),
      job.created,
      l10n.t('Ops Manager did not send when the job was requested.'),
      ctx,
    ),
    idField(
      'snapshotId',
      l10n.t('Snapshot ID'),
      job.snapshotId,
      l10n.t('Ops Manager did not send a snapshot ID.'),
      l10n,
    ),
    field(
      'pointInTime',
      l10n.t('Point in time'),
      yesNo(
        job.pointInTime,
        l10n.t('Yes: a point-in-time restore'),
        l10n.t('No: a snapshot restore'),
        l10n.t('Ops Manager did not say.'),
      ),
    ),
    field(
      'encryptionEnabled',
      l10n.t('Encryption'),
      yesNo(encryption, l10n.t('Encrypted'), l10n.t('Not encrypted'), l10n.t('Ops Manager did not say.')),
    ),
    idField('masterKeyUUID', l10n.t('KMIP master key'), job.masterKeyUUID, masterKeyWhy, l10n),
    idField('id', l10n.t('Job ID'), job.id, '', l10n),
    idField('groupId', l10n.t('Group ID'), job.groupId, l10n.t('Ops Manager did not send the group ID.'), l10n),
    ...clusterFields(job, ctx),
    idField(
      'batchId',
      l10n.t('Batch ID'),
      job.batchId,
      l10n.t('Only present for a restore of a sharded cluster.'),
      l10n,
    ),
  ];
  return section('summary', l10n.t('Summary'), `<dl class="fields">${fields.join('')}</dl>`, 'info');
}

/**
 * Cluster ID, cluster name and config server host ID. A job reached through the host route is a config-server
 * (SCCC) job: Ops Manager's documented list puts the host ID in `clusterId` and sends no `hostId`, so the
 * `clusterId` is labelled as the host it is, and a missing `hostId` is explained by that.
 */
function clusterFields(job: RestoreJob, ctx: RenderContext): string[] {
  const { l10n } = ctx;
  const configServerJob = ctx.ref.hostId !== undefined;
  const clusterName =
    job.clusterName === undefined
      ? []
      : [field('clusterName', l10n.t('Cluster name'), `<span>${displayText(job.clusterName)}</span>`)];
  if (configServerJob) {
    return [
      idField(
        'clusterId',
        l10n.t('Config server host ID'),
        job.clusterId,
        l10n.t('Ops Manager did not send it; this is a config server job (host {0}).', ctx.ref.hostId ?? ''),
        l10n,
      ),
      ...clusterName,
      idField(
        'hostId',
        l10n.t('Config server host ID'),
        job.hostId,
        l10n.t('Not sent: for a config server (SCCC) job, Ops Manager sends the host ID in clusterId.'),
        l10n,
      ),
    ];
  }
  return [
    idField('clusterId', l10n.t('Cluster ID'), job.clusterId, l10n.t('Only present for a restore of a cluster.'), l10n),
    ...clusterName,
    idField(
      'hostId',
      l10n.t('Config server host ID'),
      job.hostId,
      l10n.t('Only present for a restore of a mirrored config server (SCCC).'),
      l10n,
    ),
  ];
}

function deliverySection(delivery: RestoreJobDelivery | undefined, ctx: RenderContext): string {
  const { l10n } = ctx;
  if (delivery === undefined) {
    return section(
      'delivery',
      l10n.t('Delivery'),
      `<p>${absent(l10n.t('Ops Manager sent no delivery details for this job.'))}</p>`,
      'package',
    );
  }
  const http = delivery.methodName === 'HTTP';
  const httpOnly = l10n.t('Only present if the delivery method is HTTP.');
  const whyNoUrl = http ? l10n.t('Present once the archive is ready to download.') : httpOnly;
  const whyNoHttpField = http ? l10n.t('Not sent yet; Ops Manager fills it in when the archive is ready.') : httpOnly;
  // An HTTP delivery may come without these (e.g. automated restores, which answer HTTP): say just that.
  const whyNoLimit = http ? l10n.t('Ops Manager did not send it.') : httpOnly;
  const fields = [
    field(
      'delivery.methodName',
      l10n.t('Method'),
      delivery.methodName === undefined
        ? absent(l10n.t('Ops Manager did not send a delivery method.'))
        : `<span class="mono">${displayText(delivery.methodName)}</span>`,
    ),
    field(
      'delivery.statusName',
      l10n.t('Status'),
      delivery.statusName === undefined
        ? absent(l10n.t('Ops Manager did not send a delivery status.'))
        : statusBadge(delivery.statusName, 'delivery', l10n),
    ),
    field(
      'delivery.url',
      l10n.t('Download URL'),
      delivery.url === undefined ? absent(whyNoUrl) : copyable(delivery.url, l10n.t('Download URL'), l10n, 'mono url'),
    ),
    dateField('delivery.expires', l10n.t('Expires'), delivery.expires, whyNoHttpField, ctx),
    field(
      'delivery.expirationHours',
      l10n.t('Link valid for'),
      delivery.expirationHours === undefined
        ? absent(whyNoLimit)
        : displayText(l10n.t('{0} hours after the job completes', delivery.expirationHours)),
    ),
    field('delivery.maxDownloads', l10n.t('Downloads left'), maxDownloads(delivery, whyNoLimit, l10n)),
  ];
  // Fields that only some servers or methods send: shown when present, never explained when absent.
  if (delivery.urlV2 !== undefined) {
    fields.push(
      field(
        'delivery.urlV2',
        l10n.t('Download URL (v2)'),
        copyable(delivery.urlV2, l10n.t('Download URL (v2)'), l10n, 'mono url'),
      ),
    );
  }
  if (delivery.authHeader !== undefined || delivery.authBearer !== undefined || delivery.authValue !== undefined) {
    const header = `${delivery.authHeader ?? 'Authorization'}: ${delivery.authBearer ?? 'Bearer'} `;
    const token = delivery.authValue === undefined ? l10n.t('(no token)') : l10n.t('•••••• (token hidden)');
    fields.push(
      field(
        'delivery.authHeader',
        l10n.t('Download header'),
        `<span class="mono">${displayText(header)}</span><span class="muted">${displayText(token)}</span>`,
      ),
    );
  }
  const optional: Array<[keyof RestoreJobDelivery, string]> = [
    ['targetGroupId', l10n.t('Target group ID')],
    ['targetClusterId', l10n.t('Target cluster ID')],
    ['formatName', l10n.t('Format')],
    ['hostname', l10n.t('SCP host')],
    ['port', l10n.t('SCP port')],
    ['targetDirectory', l10n.t('Target directory')],
  ];
  for (const [key, label] of optional) {
    const value = delivery[key];
    if (value !== undefined && (typeof value === 'string' || typeof value === 'number')) {
      fields.push(
        field(
          `delivery.${key}`,
          label,
          typeof value === 'string' && key.endsWith('Id')
            ? copyable(value, label, l10n)
            : `<span class="mono">${displayText(value)}</span>`,
        ),
      );
    }
  }
  return section('delivery', l10n.t('Delivery'), `<dl class="fields">${fields.join('')}</dl>`, 'package');
}

/** What is left of `maxDownloads`, in the first screen's words. */
function maxDownloads(delivery: RestoreJobDelivery, whyAbsent: string, l10n: typeof vscode.l10n): string {
  const value = delivery.maxDownloads;
  if (value === undefined) {
    return absent(whyAbsent);
  }
  if (value >= MAX_DOWNLOADS_LIMIT) {
    return `<span>${displayText(downloadsLeftText({ kind: 'unlimited' }, l10n))}</span> <span class="muted mono">(${displayText(value)})</span>`;
  }
  const left =
    value <= 0 || delivery.statusName === 'MAX_DOWNLOADS_EXCEEDED'
      ? downloadsLeftText({ kind: 'usedUp' }, l10n)
      : downloadsLeftText({ kind: 'left', left: value }, l10n);
  return `<span>${displayText(left)}</span>`;
}

function timestampSection(job: RestoreJob, ctx: RenderContext): string {
  const { l10n } = ctx;
  const timestamp = job.timestamp;
  if (timestamp === undefined) {
    return section(
      'timestamp',
      l10n.t('Snapshot timestamp'),
      `<p>${absent(l10n.t('Ops Manager did not send the timestamp of the latest oplog entry in the snapshot.'))}</p>`,
      'clock',
    );
  }
  const fields = [
    dateField(
      'timestamp.date',
      l10n.t('Latest oplog entry'),
      timestamp.date,
      l10n.t('Ops Manager did not send the date.'),
      ctx,
    ),
    field(
      'timestamp.increment',
      l10n.t('Increment'),
      timestamp.increment === undefined
        ? absent(l10n.t('Ops Manager did not send the increment.'))
        : `<span class="mono">${displayText(timestamp.increment)}</span>`,
    ),
  ];
  return section('timestamp', l10n.t('Snapshot timestamp'), `<dl class="fields">${fields.join('')}</dl>`, 'clock');
}

function hashesSection(hashes: RestoreJobHash[] | undefined, ctx: RenderContext): string {
  const { l10n } = ctx;
  if (hashes === undefined || hashes.length === 0) {
    return section(
      'hashes',
      l10n.t('Hashes'),
      `<p>${absent(l10n.t('Present only after the archive has been downloaded: Ops Manager then lists the SHA-1 of the .tar.gz file.'))}</p>`,
      'shield',
    );
  }
  const rows = hashes.map((hash) => {
    const algorithm =
      hash.typeName === undefined
        ? absent(l10n.t('not sent'))
        : `<span class="mono">${displayText(hash.typeName)}</span>`;
    return `<tr><td>${hash.fileName === undefined ? absent(l10n.t('not sent')) : `<span class="mono">${displayText(hash.fileName)}</span>`}</td><td>${algorithm}</td><td>${hash.hash === undefined ? absent(l10n.t('not sent')) : copyable(hash.hash, l10n.t('Hash'), l10n, 'mono hash')}</td></tr>`;
  });
  return section(
    'hashes',
    l10n.t('Hashes'),
    `<table class="grid"><thead><tr><th scope="col">${displayText(l10n.t('File'))}<span class="api-name">fileName</span></th><th scope="col">${displayText(l10n.t('Algorithm'))}<span class="api-name">typeName</span></th><th scope="col">${displayText(l10n.t('Hash'))}<span class="api-name">hash</span></th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    'shield',
  );
}

function linksSection(links: Link[] | undefined, ctx: RenderContext): string {
  const { l10n } = ctx;
  if (links === undefined || links.length === 0) {
    return section(
      'links',
      l10n.t('Links'),
      `<p>${absent(l10n.t('Ops Manager sent no links for this job.'))}</p>`,
      'link',
    );
  }
  const rows = links.map((link) => {
    const rel =
      link.rel === undefined ? absent(l10n.t('not sent')) : `<span class="mono">${displayText(link.rel)}</span>`;
    let href: string;
    if (link.href === undefined) {
      href = absent(l10n.t('not sent'));
    } else if (isWebUrl(link.href)) {
      href = `<a class="mono url" href="${escapeHtml(link.href)}">${displayText(link.href)}</a>`;
    } else {
      href = `<span class="mono url">${displayText(link.href)}</span> <span class="muted">${displayText(l10n.t('(not an http or https link)'))}</span>`;
    }
    return `<tr><td>${rel}</td><td>${href}</td></tr>`;
  });
  return section(
    'links',
    l10n.t('Links'),
    `<table class="grid kv"><thead><tr><th scope="col">${displayText(l10n.t('Relation'))}<span class="api-name">rel</span></th><th scope="col">${displayText(l10n.t('Address'))}<span class="api-name">href</span></th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    'link',
  );
}

/** Every field the parser did not recognise, with its path in the JSON. */
export function unknownFields(job: RestoreJob): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const add = (prefix: string, extra: ExtraFields | undefined): void => {
    for (const [key, value] of Object.entries(extra ?? {})) {
      out.push([`${prefix}${key}`, value]);
    }
  };
  add('', job.extra);
  add('delivery.', job.delivery?.extra);
  add('timestamp.', job.timestamp?.extra);
  job.hashes?.forEach((hash, index) => add(`hashes[${index}].`, hash.extra));
  job.links?.forEach((link, index) => add(`links[${index}].`, link.extra));
  return out;
}

function otherSection(job: RestoreJob, ctx: RenderContext): string {
  const { l10n } = ctx;
  const entries = unknownFields(job);
  if (entries.length === 0) {
    return section(
      'other',
      l10n.t('Other fields'),
      `<p class="muted">${displayText(l10n.t('None: every field Ops Manager sent is shown above.'))}</p>`,
      'symbol-field',
    );
  }
  const rows = entries.map(
    ([path, value]) =>
      `<tr data-field="${escapeHtml(path)}"><td><span class="mono">${displayText(path)}</span></td><td>${scrollableJson(jsonText(value), l10n.t('Value of {0}', path), 'json inline')}</td></tr>`,
  );
  return section(
    'other',
    l10n.t('Other fields'),
    `<p class="muted">${displayText(l10n.t('Fields this extension does not know yet, exactly as Ops Manager sent them.'))}</p><table class="grid kv"><thead><tr><th scope="col">${displayText(l10n.t('Field'))}</th><th scope="col">${displayText(l10n.t('Value'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    'symbol-field',
  );
}

/** The raw object with the download token masked: it grants the download and must not be shown or copied. */
export function maskedRaw(raw: Record<string, unknown>): Record<string, unknown> {
  const delivery = raw.delivery;
  if (typeof delivery !== 'object' || delivery === null || Array.isArray(delivery) || !('authValue' in delivery)) {
    return raw;
  }
  return { ...raw, delivery: { ...delivery, authValue: '(hidden)' } };
}

function rawSection(job: RestoreJob, ctx: RenderContext): string {
  const { l10n } = ctx;
  const text = jsonText(maskedRaw(job.raw));
  return `<details class="card raw" id="section-raw">
<summary><span class="codicon codicon-json" aria-hidden="true"></span><span>${displayText(l10n.t('Raw JSON'))}</span></summary>
<div class="raw-actions">${copyButton(text, l10n.t('Raw JSON'), l10n)}</div>
${scrollableJson(text, l10n.t('Raw JSON of the restore job'), 'json', true)}
</details>`;
}

/**
 * JSON in a block that scrolls: focusable (tabindex 0) so a keyboard user can scroll it, and a labelled region so
 * a screen reader says what it is when it gets focus.
 */
function scrollableJson(text: string, label: string, className: string, code = false): string {
  const content = code ? `<code>${displayText(text, true)}</code>` : displayText(text, true);
  return `<pre class="${className}" tabindex="0" role="region" aria-label="${escapeHtml(label)}">${content}</pre>`;
}
