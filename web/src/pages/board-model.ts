import type { Money } from '../i18n/format';
import type { Opportunity, Stage } from './contact-types';

export interface Total {
  currency: string;
  count: number;
  value: Money;
}

export interface Column {
  stage: Stage;
  count: number;
  totals: Total[];
  cards: Opportunity[];
}

export interface Board {
  pipelineId: string;
  columns: Column[];
}

function addTo(totals: Total[], value: Money | null, sign: 1 | -1): Total[] {
  if (!value) return totals;
  const next = totals.map((total) => ({ ...total, value: { ...total.value } }));
  let total = next.find((item) => item.currency === value.currency);
  if (!total) {
    total = { currency: value.currency, count: 0, value: { amount: '0', currency: value.currency } };
    next.push(total);
  }
  total.count += sign;
  total.value.amount = (Number(total.value.amount) + sign * Number(value.amount)).toFixed(2);
  return next.filter((item) => item.count > 0);
}

/** The board after moving one card (the optimistic update): counts and sums follow the card. */
export function moveCard(board: Board, cardId: string, toStageId: string): Board {
  const from = board.columns.find((column) => column.cards.some((card) => card.id === cardId));
  if (!from || from.stage.id === toStageId) return board;
  const card = from.cards.find((item) => item.id === cardId)!;
  const target = board.columns.find((column) => column.stage.id === toStageId);
  if (!target) return board;
  const moved = { ...card, stageId: target.stage.id, stageName: target.stage.name };
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column === from) return { ...column, count: column.count - 1, totals: addTo(column.totals, card.value, -1), cards: column.cards.filter((item) => item.id !== cardId) };
      if (column === target) return { ...column, count: column.count + 1, totals: addTo(column.totals, card.value, 1), cards: [moved, ...column.cards] };
      return column;
    }),
  };
}

/** The board with one card replaced by the server's copy (new version). */
export function replaceCard(board: Board, card: Opportunity): Board {
  return { ...board, columns: board.columns.map((column) => ({ ...column, cards: column.cards.map((item) => (item.id === card.id ? card : item)) })) };
}
