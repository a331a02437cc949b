import { CheckOutlined, CloseOutlined, DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined, SplitCellsOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Divider, Drawer, Empty, Input, List, Popconfirm, Progress, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { MEMBER_ROLES, type ChainDetail, type ChainSegment, type MemberRole } from '../../contracts/chains';
import { useT, type MessageKey } from '../i18n';
import { useChainWrites, useSuggestions, type WeakLink } from '../queries/chains';
import { WEAK_LINK_COLOURS, stageKey, weakKey } from './ChainMap';
import type { SegmentModalMode } from './ChainSegmentModal';
import { ProblemAlert } from './ProblemAlert';

export const memberRoleKey = (role: MemberRole): MessageKey => `chains.role.${role}`;

interface ChainSegmentDrawerProps {
  chain: ChainDetail;
  segment: ChainSegment | undefined;
  weakLink?: WeakLink;
  onClose: () => void;
  onEdit: (mode: SegmentModalMode) => void;
  onDeleted: () => void;
}

/**
 * One segment: its products, its enterprises grouped by role (links to their detail pages),
 * and for writers: add an enterprise, suggestions to accept or reject, and segment edits.
 */
export function ChainSegmentDrawer({ chain, segment, weakLink, onClose, onEdit, onDeleted }: ChainSegmentDrawerProps) {
  const t = useT();
  const { message } = App.useApp();
  const writes = useChainWrites(chain.id);
  const suggestions = useSuggestions(chain.id, segment?.key, chain.canWrite);
  const [uscc, setUscc] = useState('');
  const [role, setRole] = useState<MemberRole>('supplier');
  const names = new Map(chain.segments.map((s) => [s.key, s.name]));

  if (!segment) {
    return <Drawer open={false} onClose={onClose} />;
  }

  const addMember = async () => {
    await writes.addMember.mutateAsync({ uscc: uscc.trim(), segmentKey: segment.key, role });
    setUscc('');
    message.success(t('chains.segment.accepted'));
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      data-testid="segment-drawer"
      title={
        <Space wrap>
          <span data-testid="segment-drawer-title">{segment.name}</span>
          <Tag>{t(stageKey(segment.stage))}</Tag>
          {weakLink ? <Tag color={WEAK_LINK_COLOURS[weakLink.kind]}>{t(weakKey(weakLink.kind))}</Tag> : null}
        </Space>
      }
      extra={
        chain.canWrite ? (
          <Space>
            <Button size="small" icon={<EditOutlined />} onClick={() => onEdit('edit')} data-testid="segment-edit">
              {t('chains.segment.edit')}
            </Button>
            <Button size="small" icon={<SplitCellsOutlined />} onClick={() => onEdit('split')} data-testid="segment-split">
              {t('chains.segment.split')}
            </Button>
            <Button size="small" icon={<MergeCellsOutlined />} onClick={() => onEdit('merge')} data-testid="segment-merge">
              {t('chains.segment.merge')}
            </Button>
            <Popconfirm
              title={t('chains.segment.deleteConfirm')}
              onConfirm={async () => {
                await writes.deleteSegment.mutateAsync(segment.key);
                onDeleted();
              }}
            >
              <Button size="small" danger icon={<DeleteOutlined />} data-testid="segment-delete">
                {t('chains.segment.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null
      }
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('chains.segment.products')}>
          <span className="tag-list">
            {segment.products.map((p) => (
              <Tag key={p} color="blue">
                {p}
              </Tag>
            ))}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('chains.segment.industries')}>
          <span className="mono">{segment.industryCodes.join('、') || t('common.none')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('chains.segment.upstream')}>{segment.upstream.map((k) => names.get(k) ?? k).join('、') || t('common.none')}</Descriptions.Item>
      </Descriptions>

      <Divider titlePlacement="start">
        {t('chains.segment.membersTitle')}（{segment.memberCount}）
      </Divider>
      {writes.removeMember.error ? <ProblemAlert error={writes.removeMember.error} /> : null}
      {segment.members.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chains.segment.noMembers')} /> : null}
      <div data-testid="segment-members">
        {MEMBER_ROLES.map((memberRole) => {
          const members = segment.members.filter((m) => m.role === memberRole);
          if (members.length === 0) return null;
          return (
            <div key={memberRole} style={{ marginBottom: 12 }}>
              <Typography.Text strong>
                {t(memberRoleKey(memberRole))}（{members.length}）
              </Typography.Text>
              <List
                size="small"
                dataSource={members}
                renderItem={(m) => (
                  <List.Item
                    data-testid={`member-${m.uscc}`}
                    actions={
                      chain.canWrite
                        ? [
                            <Popconfirm key="remove" title={t('chains.segment.removeConfirm')} onConfirm={() => writes.removeMember.mutate({ segmentKey: segment.key, uscc: m.uscc })}>
                              <Button type="link" size="small" danger>
                                {t('chains.segment.remove')}
                              </Button>
                            </Popconfirm>,
                          ]
                        : undefined
                    }
                  >
                    <List.Item.Meta
                      title={<Link to={`/enterprises/${m.uscc}`}>{m.name}</Link>}
                      description={
                        <Space size={4} wrap>
                          <span>{m.regionName}</span>
                          <Tag bordered={false}>{t(`chains.source.${m.source}` as MessageKey)}</Tag>
                          {m.confidence !== null ? <span className="muted">{t('chains.segment.confidence', { n: Math.round(m.confidence * 100) })}</span> : null}
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            </div>
          );
        })}
      </div>

      {chain.canWrite ? (
        <>
          <Divider titlePlacement="start">{t('chains.segment.addMember')}</Divider>
          {writes.addMember.error ? <ProblemAlert error={writes.addMember.error} /> : null}
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder={t('chains.segment.uscc')} value={uscc} onChange={(e) => setUscc(e.target.value)} maxLength={32} data-testid="add-member-uscc" />
            <Select<MemberRole> value={role} onChange={setRole} style={{ width: 170 }} options={MEMBER_ROLES.map((r) => ({ value: r, label: t(memberRoleKey(r)) }))} data-testid="add-member-role" />
            <Button type="primary" icon={<PlusOutlined />} disabled={!uscc.trim()} loading={writes.addMember.isPending} onClick={addMember} data-testid="add-member-submit">
              {t('chains.segment.addMember')}
            </Button>
          </Space.Compact>

          <Divider titlePlacement="start">{t('chains.segment.suggestions')}</Divider>
          {suggestions.error ? <ProblemAlert error={suggestions.error} /> : null}
          {writes.reject.error ? <ProblemAlert error={writes.reject.error} /> : null}
          {suggestions.isLoading ? <Spin /> : null}
          {suggestions.data && suggestions.data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chains.segment.noSuggestions')} /> : null}
          <List
            data-testid="segment-suggestions"
            dataSource={suggestions.data?.items ?? []}
            renderItem={(s) => (
              <List.Item
                data-testid={`suggestion-${s.uscc}`}
                actions={[
                  <Button
                    key="accept"
                    type="primary"
                    size="small"
                    icon={<CheckOutlined />}
                    data-testid={`accept-${s.uscc}`}
                    loading={writes.addMember.isPending && writes.addMember.variables?.uscc === s.uscc}
                    onClick={async () => {
                      await writes.addMember.mutateAsync({ uscc: s.uscc, segmentKey: segment.key, role: s.suggestedRole, source: 'suggestion', confidence: s.score });
                      message.success(t('chains.segment.accepted'));
                    }}
                  >
                    {t('chains.segment.accept')}
                  </Button>,
                  <Button
                    key="reject"
                    size="small"
                    icon={<CloseOutlined />}
                    data-testid={`reject-${s.uscc}`}
                    onClick={async () => {
                      await writes.reject.mutateAsync({ uscc: s.uscc, segmentKey: segment.key });
                      message.info(t('chains.segment.rejected'));
                    }}
                  >
                    {t('chains.segment.reject')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      <Link to={`/enterprises/${s.uscc}`}>{s.name}</Link>
                      <Tag color="geekblue">{t(memberRoleKey(s.suggestedRole))}</Tag>
                    </Space>
                  }
                  description={
                    <>
                      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                        <span className="muted">{s.regionName}</span>
                        <Progress percent={Math.round(s.score * 100)} size="small" style={{ width: 140, margin: 0 }} format={(n) => t('chains.segment.confidence', { n: n ?? 0 })} />
                      </div>
                      <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                        {s.reasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Drawer>
  );
}
