import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ComplaintStatus, ComplaintVerb, ComplaintView, ContractView, CreateComplaintBody, CreateContractBody, CreateDeliveryBody, CreatePaymentBody, DeliveryView, LedgerRow, PracticeView,
  CreateFinancingOfferBody, CreateFinancingRequestBody, CreditScoreView, CreditWeightsView, FinancingRequestView, UpdateCreditWeightsBody, SplitVoucherBody, TermFlag, VoucherStatus, VoucherView,
} from '../../contracts/capital';
import type { ApplyBankProductBody, BankProductKind, BankProductView, CreateBankProductBody, UpdateBankProductBody } from '../../contracts/capital';
import type { FileView } from '../../contracts/files';
import { apiFetch, apiUrl } from '../api';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Filters of the ledger (URL parameters). */
export interface LedgerFilters {
  side?: 'buyer' | 'supplier';
  status?: 'open' | 'overdue' | 'paid';
  contractId?: string;
}

const LEDGER_KEY = ['capital', 'ledger'] as const;
const CONTRACTS_KEY = ['capital', 'contracts'] as const;
const VOUCHERS_KEY = ['capital', 'vouchers'] as const;

/** A page of the payables ledger with lateness as of today. */
export function useLedger(filters: LedgerFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...LEDGER_KEY, filters, page],
    queryFn: ({ signal }) => apiFetch<Page<LedgerRow> & { asOf: string }>('/deliveries', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Link of the ledger's Excel export. */
export function ledgerExportUrl(filters: LedgerFilters): string {
  return apiUrl('/deliveries/export', { ...filters });
}

/** One delivery with its due date, reason, lateness and payments. */
export function useDelivery(id: string | undefined) {
  return useQuery({ queryKey: [...LEDGER_KEY, 'one', id], queryFn: ({ signal }) => apiFetch<DeliveryView>(`/deliveries/${id}`, { signal }), enabled: Boolean(id) });
}

/** A page of contracts. */
export function useContracts(side: 'buyer' | 'supplier' | undefined, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...CONTRACTS_KEY, side, page],
    queryFn: ({ signal }) => apiFetch<Page<ContractView>>('/contracts', { signal, query: { side, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateCapital() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['capital'] });
}

/** Enter a contract; resolves to its id and flags. */
export function useCreateContract() {
  const invalidate = useInvalidateCapital();
  return useMutation({ mutationFn: (body: CreateContractBody) => apiFetch<{ id: string; flags: TermFlag[] }>('/contracts', { method: 'POST', body }), onSuccess: invalidate });
}

/** Record a delivery under a contract. */
export function useCreateDelivery() {
  const invalidate = useInvalidateCapital();
  return useMutation({ mutationFn: ({ contractId, body }: { contractId: string; body: CreateDeliveryBody }) => apiFetch<DeliveryView>(`/contracts/${contractId}/deliveries`, { method: 'POST', body }), onSuccess: invalidate });
}

/** The buyer records acceptance. */
export function useAcceptDelivery() {
  const invalidate = useInvalidateCapital();
  return useMutation({ mutationFn: ({ id, acceptedOn }: { id: string; acceptedOn: string }) => apiFetch<DeliveryView>(`/deliveries/${id}/accept`, { method: 'POST', body: { acceptedOn } }), onSuccess: invalidate });
}

/** Record a payment. */
export function useCreatePayment() {
  const invalidate = useInvalidateCapital();
  return useMutation({ mutationFn: ({ id, body }: { id: string; body: CreatePaymentBody }) => apiFetch<DeliveryView>(`/deliveries/${id}/payments`, { method: 'POST', body }), onSuccess: invalidate });
}

/** Vouchers the user holds, owes or finances. */
export function useVouchers(status: VoucherStatus | undefined, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: [...VOUCHERS_KEY, status, page],
    queryFn: ({ signal }) => apiFetch<Page<VoucherView>>('/vouchers', { signal, query: { status, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** The buyer confirms a delivery's unpaid amount as a voucher. */
export function useConfirmVoucher() {
  const invalidate = useInvalidateCapital();
  return useMutation({ mutationFn: (deliveryId: string) => apiFetch<VoucherView>('/vouchers', { method: 'POST', body: { deliveryId } }), onSuccess: invalidate });
}

/** Split, transfer or finance a held voucher. */
export function useVoucherAction() {
  const invalidate = useInvalidateCapital();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: 'split' | 'transfer' | 'finance'; body: SplitVoucherBody | { toUscc: string } | { bankUscc: string } }) =>
      apiFetch<unknown>(`/vouchers/${id}/${action}`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** The half-years to offer: the current one and the five before it, newest first. */
export function recentHalves(today: string): string[] {
  let year = Number(today.slice(0, 4));
  let h = Number(today.slice(5, 7)) <= 6 ? 1 : 2;
  const halves: string[] = [];
  for (let i = 0; i < 6; i++) {
    halves.push(`${year}H${h}`);
    if (h === 1) {
      year -= 1;
      h = 2;
    } else {
      h = 1;
    }
  }
  return halves;
}

/** Gov ranking of large buyers by payment practice. */
export function usePracticeRanking(half: string, enabled: boolean) {
  return useQuery({ queryKey: ['capital', 'practice', half], queryFn: ({ signal }) => apiFetch<{ items: PracticeView[] }>('/payment-practice', { signal, query: { half } }), enabled });
}

/** One buyer's disclosed figures for several half-years. */
export function useBuyerPractice(uscc: string, halves: string[]) {
  return useQuery({
    queryKey: ['capital', 'practice', uscc, halves],
    queryFn: ({ signal }) => Promise.all(halves.map((half) => apiFetch<PracticeView>(`/enterprises/${uscc}/payment-practice`, { signal, query: { half } }))),
  });
}

/** Complaints the user may see. */
export function useComplaints(status: ComplaintStatus | undefined, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: ['capital', 'complaints', status, page],
    queryFn: ({ signal }) => apiFetch<Page<ComplaintView>>('/complaints', { signal, query: { status, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** The supplier files a complaint. */
export function useCreateComplaint() {
  const invalidate = useInvalidateCapital();
  return useMutation({ mutationFn: (body: CreateComplaintBody) => apiFetch<ComplaintView>('/complaints', { method: 'POST', body }), onSuccess: invalidate });
}

/** Accept, reject, respond, extend or resolve a complaint. */
export function useComplaintAction() {
  const invalidate = useInvalidateCapital();
  return useMutation({ mutationFn: ({ id, verb, text }: { id: string; verb: ComplaintVerb; text?: string }) => apiFetch<ComplaintView>(`/complaints/${id}/${verb}`, { method: 'POST', body: { text } }), onSuccess: invalidate });
}

/** Financing requests the user may see (a bank: addressed to it or open to all). */
export function useFinancingRequests(page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: ['capital', 'financing', page],
    queryFn: ({ signal }) => apiFetch<Page<FinancingRequestView>>('/financing-requests', { signal, query: { cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

/** Ask for financing, offer, or accept an offer. */
export function useFinancingAction() {
  const invalidate = useInvalidateCapital();
  return useMutation({
    mutationFn: (action: { kind: 'request'; body: CreateFinancingRequestBody } | { kind: 'offer'; id: string; body: CreateFinancingOfferBody } | { kind: 'accept'; id: string; offerId: string }) =>
      action.kind === 'request'
        ? apiFetch<FinancingRequestView>('/financing-requests', { method: 'POST', body: action.body })
        : action.kind === 'offer'
          ? apiFetch<FinancingRequestView>(`/financing-requests/${action.id}/offers`, { method: 'POST', body: action.body })
          : apiFetch<FinancingRequestView>(`/financing-requests/${action.id}/accept`, { method: 'POST', body: { offerId: action.offerId } }),
    onSuccess: invalidate,
  });
}

/** An enterprise's credit scorecard (404 outside the caller's scope). */
export function useCreditScore(uscc: string | undefined) {
  return useQuery({ queryKey: ['capital', 'credit', uscc], queryFn: ({ signal }) => apiFetch<CreditScoreView>(`/credit-scores/${uscc}`, { signal }), enabled: Boolean(uscc), retry: false });
}

/** The scorecard's weights (⚠️ ours). */
export function useCreditWeights() {
  return useQuery({ queryKey: ['capital', 'credit-weights'], queryFn: ({ signal }) => apiFetch<CreditWeightsView>('/credit-weights', { signal }) });
}

/** Admins set the weights (they must sum to 100). */
export function useUpdateCreditWeights() {
  const invalidate = useInvalidateCapital();
  return useMutation({ mutationFn: (body: UpdateCreditWeightsBody) => apiFetch<CreditWeightsView>('/credit-weights', { method: 'PUT', body }), onSuccess: invalidate });
}

/** Evidence files of a complaint (404 for those who may not read them: the query then fails quietly). */
export function useComplaintFiles(id: string) {
  return useQuery({ queryKey: ['capital', 'complaint-files', id], queryFn: ({ signal }) => apiFetch<{ items: FileView[] }>(`/complaints/${id}/files`, { signal }), retry: false });
}

/** Filters of the bank product catalogue. */
export interface ProductFilters {
  kind?: BankProductKind;
  isEligibleOnly?: 'true';
}

/** Bank products the user may see (an SME: those serving its region, with its eligibility; a bank: its own). */
export function useBankProducts(filters: ProductFilters, page: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: ['capital', 'products', filters, page],
    queryFn: ({ signal }) => apiFetch<Page<BankProductView>>('/bank-products', { signal, query: { ...filters, cursor: page.cursor, limit: page.limit } }),
    placeholderData: keepPreviousData,
  });
}

export function productsExportUrl(filters: ProductFilters): string {
  return apiUrl('/bank-products/export', { ...filters });
}

/** Publish, edit or withdraw a product (banks); apply from one (SMEs). */
export function useProductAction() {
  const invalidate = useInvalidateCapital();
  return useMutation({
    mutationFn: (action: { kind: 'create'; body: CreateBankProductBody } | { kind: 'update'; id: string; body: UpdateBankProductBody } | { kind: 'apply'; id: string; body: ApplyBankProductBody }) =>
      action.kind === 'create'
        ? apiFetch<BankProductView | FinancingRequestView>('/bank-products', { method: 'POST', body: action.body })
        : action.kind === 'update'
          ? apiFetch<BankProductView>(`/bank-products/${action.id}`, { method: 'PATCH', body: action.body })
          : apiFetch<FinancingRequestView>(`/bank-products/${action.id}/apply`, { method: 'POST', body: action.body }),
    onSuccess: invalidate,
  });
}
