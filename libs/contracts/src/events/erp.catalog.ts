import type { EventDefinition } from '../event-catalog.js';
import * as e from './erp.events.js';

/** ERP events the CRM accepts (AsyncAPI `receive` operations on `erp.events`). */
export const ERP_EVENT_DEFINITIONS: readonly EventDefinition[] = [
  {
    type: e.ERP_SALES_INVOICE_ISSUED,
    publisher: 'erp',
    consumers: ['contacts', 'reporting'],
    summary:
      'El ERP emitió una factura a un cliente; contacts la guarda en el historial de compras y la línea de tiempo. ' +
      'Cliente por crmContactId (preferido) o customerTaxId. / The ERP issued an invoice.',
    schema: e.erpInvoiceIssuedSchema,
    exchange: 'erp.events',
  },
  {
    type: e.ERP_FINANCE_PAYMENT_RECEIVED,
    publisher: 'erp',
    consumers: ['contacts', 'reporting'],
    summary: 'El ERP registró un pago de un cliente (opcionalmente aplicado a facturas); contacts lo guarda en el historial y la línea de tiempo. / A payment was received.',
    schema: e.erpPaymentReceivedSchema,
    exchange: 'erp.events',
  },
  {
    type: e.ERP_FINANCE_ACCOUNT_STATEMENT_UPDATED,
    publisher: 'erp',
    consumers: ['contacts'],
    summary: 'Estado de cuenta de un cliente (saldo, vencido, cupo de crédito) a una fecha `asOf`; uno más antiguo que el guardado no lo reemplaza. / Account statement.',
    schema: e.erpAccountStatementUpdatedSchema,
    exchange: 'erp.events',
  },
  {
    type: e.ERP_SALES_ORDER_CREATED,
    publisher: 'erp',
    consumers: ['opportunities'],
    summary:
      'El ERP creó un pedido de venta (normalmente desde una cotización aceptada); opportunities lo enlaza con la cotización (crmQuoteId o quoteNumber) y su oportunidad. / A sales order was created.',
    schema: e.erpSalesOrderCreatedSchema,
    exchange: 'erp.events',
  },
];
