import { Injectable, type PipeTransform } from '@nestjs/common';
import { Problems, isUuid } from '@crm/common';

/** A path id that is not a UUID cannot name anything: 404, like any id you may not see. */
@Injectable()
export class UuidOr404Pipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw Problems.notFound();
    return value.toLowerCase();
  }
}
